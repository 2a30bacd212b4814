/** The workbench's version (package.json), recorded with what it produces: runs, experiment files. */
import { version } from '../../package.json';

export const APP_NAME = 'GMF Workbench';
export const APP_VERSION: string = version;
