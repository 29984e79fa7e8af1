/** The demo sizes a server can be seeded with, without loading the generator (config reads these). */
import type { DemoSize } from '../../shared/demo/generate';

export type { DemoSize };

export const SERVER_DEMO_SIZES = ['small', 'large'] as const satisfies readonly DemoSize[];

export const isDemoSize = (value: string): value is DemoSize => (SERVER_DEMO_SIZES as readonly string[]).includes(value);

/** The desktop's demo seed (`npm run demo:seed` defaults to it too). */
export const DEFAULT_DEMO_SEED = 1;
