export declare const DOCS_IMAGES: readonly { readonly path: string; readonly argv: readonly string[] }[];
