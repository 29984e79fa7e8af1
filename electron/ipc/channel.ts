/** The single IPC channel from preload to main; every API call travels through it. */
export const API_INVOKE_CHANNEL = 'api:invoke';

/** The one channel from main to the page: commands of the application menu (shared/api/app-commands.ts). */
export const APP_COMMAND_CHANNEL = 'app:command';
