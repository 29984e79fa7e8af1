export declare const NATIVE_FOLDER: string;
export declare const NATIVE_FILE: string;
export declare function electronNativeDirName(electronVersion: string, platform: string, arch: string): string;
export declare function electronNativeFile(root: string, electronVersion: string, platform: string, arch: string): string;
