/** Named MediaPipe landmark indices used across the workbench. */
export const NOSE_TIP = 4;
