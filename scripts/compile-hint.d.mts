import type { Plugin } from "vite";
export declare const COMPILE_HINT: string;
export declare const SCRIPT_TAG_START: string;
export declare function compileHint(options?: { bom?: boolean }): Plugin;
