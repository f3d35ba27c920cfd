/** One line per subcommand, shared by its full definition and the stub that lists it in --help. */
export const SUBCOMMAND_DESCRIPTIONS = {
  grid: 'depth (rows) against width k (columns): params, MACs or memory of every WRN-d-k, and the law they follow',
  block: 'one block B(k1,...,kl) conv by conv: output shapes, params, MACs and whether the residual add fits',
  check: 'check networks against budgets (exit 0 within, 1 over, 2 invalid): budget files, or models and --max-* flags',
  schema: 'print the JSON Schema of budget files (generated from the validator), for editors: wrn-calc schema > budgets.schema.json',
  fit: 'search (depth, k) for the networks that fit a budget, best first',
  compare:
    'networks side by side (WRN-40-4 WRN-28-10 resnet50 …): depth, k, params, MACs, memory and activations, with ratios to the first',
  export: 'the network as code that builds it: a PyTorch file (torchvision names) or an ONNX graph for Netron',
  serve: 'the calculator as a web page on this computer (127.0.0.1): every option as a field, the heat map, the charts',
} as const;

export type SubcommandName = keyof typeof SUBCOMMAND_DESCRIPTIONS;
