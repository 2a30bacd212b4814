/** Named MediaPipe landmark indices used across the workbench. */
export const NOSE_TIP = 4;
export const FOREHEAD_TOP = 10;
export const CHIN = 152;
