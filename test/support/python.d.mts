/** Types for python.mjs (plain JavaScript so that the .mjs benches can import it too). */
export declare class PythonNotFoundError extends Error {
  readonly code: 'PYTHON_NOT_FOUND';
}

/** A Python that can import every module in `modules` (import names: 'sklearn', 'h5py', ...). */
export declare function pythonCommand(modules?: readonly string[]): string;

/** Runs `python args...` with a Python that has `modules` and parses what it prints as JSON. */
export declare function pythonJson(modules: readonly string[], args: readonly string[]): unknown;
