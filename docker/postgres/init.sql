-- One database per service (each owns its data; they share only the server).
-- The postgres image runs this once, when it initialises an empty data volume; for an existing volume,
-- create missing databases by hand or remove the volume (docker compose -f docker/compose.yml down -v).
CREATE DATABASE gongzhi_org;
CREATE DATABASE gongzhi_deliberation;
CREATE DATABASE gongzhi_property;
CREATE DATABASE gongzhi_fund;
