export * from './fund-opened.v1';
export * from './vote-requested.v1';
export * from './donation-received.v1';
export * from './expenditure.v1';
export * from './points-redeemed.v1';
export * from './disclosure-published.v1';
