/** Types for chromium.mjs (plain JavaScript so that the .mjs benches can import it too). */
export declare const CHROMIUM_PATH: string;
export declare const QUIET_ARGS: readonly string[];
export declare const WEBGPU_ARGS: readonly string[];
