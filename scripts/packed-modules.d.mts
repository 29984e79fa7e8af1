export declare function packedModules(root: string, names?: readonly string[]): string[];
