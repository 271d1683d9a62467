import { z } from 'zod';
import { readConfig, serviceEnv, requireKeySource, type Env, type ServiceConfig } from '@gongzhi/platform-config';

export const DELIBERATION_DEFAULT_PORT = 4002;

/** Signs the development QR codes only; production refuses to start with it. */
const DEVELOPMENT_INTAKE_KEY = 'gongzhi-development-intake-code-key-not-for-production';

/** The QR intake (码上办) settings: how codes are signed, where the QR points, how much one code may raise. */
const intakeEnv = {
  INTAKE_CODE_KEY: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_INTAKE_KEY),
  INTAKE_URL: z.url().default('http://127.0.0.1:4000/intake'),
  INTAKE_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  INTAKE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
};
export type IntakeSettings = z.infer<z.ZodObject<typeof intakeEnv>>;

/** How often each instance looks for votes whose end time has passed, to close them. */
const voteEnv = {
  VOTE_CLOSE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
};

const schema = requireKeySource(
  z
    .object({ ...serviceEnv, PORT: serviceEnv.PORT.default(DELIBERATION_DEFAULT_PORT), ...intakeEnv, ...voteEnv })
    .refine((c) => c.NODE_ENV !== 'production' || c.INTAKE_CODE_KEY !== DEVELOPMENT_INTAKE_KEY, {
      message: 'set a secret key of your own in production',
      path: ['INTAKE_CODE_KEY'],
    }),
);
export type DeliberationConfig = ServiceConfig & IntakeSettings & z.infer<z.ZodObject<typeof voteEnv>>;

/** The only reader of the environment for the deliberation service. */
export function loadConfig(env: Env = process.env): DeliberationConfig {
  return readConfig('deliberation', schema, env);
}
