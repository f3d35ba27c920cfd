import fc from 'fast-check';

/*
 * Budget files for fuzzing `wrn-calc check`, written as JSON text by hand: a JS
 * object literal cannot hold an own "__proto__" key (it sets the prototype),
 * and the fuzzer needs exactly those keys, repeated keys, 1e400 and -0.
 */

export type Json =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly Json[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Json])[] };

export const lit = (value: unknown): Json => ({ kind: 'literal', text: JSON.stringify(value) });
export const raw = (text: string): Json => ({ kind: 'literal', text });
export const arr = (...items: Json[]): Json => ({ kind: 'array', items });
export const obj = (...entries: (readonly [string, Json])[]): Json => ({ kind: 'object', entries });

export function serialize(json: Json): string {
  switch (json.kind) {
    case 'literal':
      return json.text;
    case 'array':
      return `[${json.items.map(serialize).join(',')}]`;
    case 'object':
      return `{${json.entries.map(([key, value]) => `${JSON.stringify(key)}:${serialize(value)}`).join(',')}}`;
  }
}

/** `depth` nested arrays (or objects) around `inner`, built as text: no recursion, so 100,000 levels are cheap. */
export function nested(depth: number, shape: 'array' | 'object' = 'array', inner = '1'): Json {
  return shape === 'array'
    ? raw(`${'['.repeat(depth)}${inner}${']'.repeat(depth)}`)
    : raw(`${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`);
}

/** A JSON path as the CLI prints it (config-issues.ts): `models[0].budget.params`. */
export function pathText(path: readonly (string | number)[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
      continue;
    }
    // Long keys are cut to 40 characters: the message stays one readable line.
    const short = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? short : `.${short}`;
    else text += `[${JSON.stringify(short)}]`;
  }
  return text;
}

/** Keys that have tripped up JavaScript config loaders (prototype pollution) and near-misses of real keys. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'polluted',
  'Depth',
  'k ',
  '',
  'models\u0000',
  '\u001b[31m',
  'x'.repeat(300),
];

const POLLUTER = obj(['polluted', lit(true)], ['toString', lit('hacked')]);
const proto = (key: string) => obj([key, POLLUTER]);

/** Values no field accepts in that place (convBias is the only boolean; budget the only object in a model). */
const NOT_A_NUMBER = [
  raw('null'),
  raw('true'),
  lit('28'),
  lit(''),
  arr(),
  obj(),
  proto('__proto__'),
  proto('constructor'),
  raw('1e400'),
  raw('-1e400'),
  nested(50),
];
const NOT_A_COUNT = [...NOT_A_NUMBER, raw('0'), raw('-1'), raw('28.5'), raw('-0'), raw('9007199254740993')];
const NOT_AN_AMOUNT = [
  raw('null'),
  raw('true'),
  arr(),
  obj(),
  lit('10 M'),
  lit('-1M'),
  raw('0'),
  raw('1.5'),
  lit('1e3'),
  lit('M'),
  raw('9007199254740992'),
  lit('1.0000005K'),
  lit('40m'),
  lit(''),
  raw('1e400'),
  nested(50),
];

const AMOUNT_FIELDS = ['params', 'macs', 'flops', 'paramBytes', 'activationBytes'] as const;

function budgetInvalid(): readonly Json[] {
  return [
    raw('null'),
    raw('1'),
    lit('40M'),
    arr(),
    proto('__proto__'),
    proto('constructor'),
    obj(['prototype', lit(1)]),
    obj(['params', lit('10 M')]),
    nested(50, 'object'),
  ];
}

/** Per field of a model, values that must be refused. */
export const INVALID_MODEL_VALUES: Readonly<Record<string, readonly Json[]>> = {
  name: [raw('null'), raw('1'), raw('true'), lit(''), arr(), obj(), nested(50)],
  depth: NOT_A_COUNT,
  k: [...NOT_A_NUMBER, raw('0'), raw('-1'), raw('-0')],
  blocksPerGroup: [...NOT_A_COUNT, arr(), arr(raw('0')), arr(lit('3'))],
  block: [
    raw('null'),
    raw('3'),
    raw('true'),
    obj(),
    arr(),
    arr(lit('3')),
    arr(raw('0')),
    arr(raw('3.5')),
    lit('B(3,x)'),
    lit(''),
    nested(50),
  ],
  groups: [...NOT_A_COUNT, raw('1.5'), raw('-1')],
  widthPerGroup: [...NOT_A_COUNT, raw('2.5')],
  bottleneckStride: [raw('null'), lit('3×3'), lit('2x2'), raw('1'), obj(), lit('__proto__'), nested(50)],
  depthRule: [raw('null'), lit('paper'), raw('1'), obj(), lit('__proto__'), nested(50)],
  model: [raw('null'), raw('1'), lit(''), lit('WRN 28 10'), obj(), arr(), lit('x'.repeat(101)), nested(50)],
  family: [raw('null'), lit('CIFAR'), raw('1'), obj(), lit('__proto__'), nested(50)],
  order: [raw('null'), lit('preact'), raw('1'), obj(), lit('constructor'), nested(50)],
  shortcut: [raw('null'), lit('A'), raw('true'), arr(), lit('toString'), nested(50)],
  dataset: [raw('null'), lit('ImageNet'), raw('1'), obj(), lit('__proto__'), lit('constructor'), lit('toString'), nested(50)],
  input: [
    raw('null'),
    raw('0'),
    raw('-1'),
    lit('x'),
    arr(raw('1')),
    arr(raw('1'), raw('2'), raw('3')),
    obj(),
    raw('true'),
    lit('0x0'),
    nested(50),
  ],
  inChannels: NOT_A_COUNT,
  classes: NOT_A_COUNT,
  convBias: [raw('null'), lit('true'), raw('1'), obj(), arr(), nested(50)],
  dropout: [raw('null'), raw('1'), raw('-0.1'), lit('0.3'), obj(), raw('1e400'), nested(50)],
  budget: budgetInvalid(),
};

export const INVALID_TOP_VALUES: Readonly<Record<string, readonly Json[]>> = {
  $schema: [raw('1'), raw('null'), obj(), arr(), nested(50)],
  budget: budgetInvalid(),
  models: [raw('null'), obj(), arr(), raw('1'), lit('x'), nested(50), arr(nested(50)), arr(raw('null')), arr(proto('__proto__'))],
};

const VALID_MODELS: readonly (readonly (readonly [string, Json])[])[] = [
  [
    ['depth', lit(28)],
    ['k', lit(10)],
  ],
  [
    ['name', lit('small')],
    ['blocksPerGroup', lit(1)],
    ['k', lit(1)],
    ['block', lit('B(3,1,3)')],
  ],
  [
    ['depth', lit(16)],
    ['k', lit(4)],
    ['dataset', lit('mnist')],
    ['input', lit('40x24')],
    ['dropout', lit(0.3)],
    ['convBias', lit(true)],
  ],
  [
    ['depth', lit(22)],
    ['k', lit(2)],
    ['block', lit([3, 1, 3])],
    ['depthRule', lit('nominal')],
    ['classes', lit(100)],
    ['inChannels', lit(1)],
    ['budget', obj(['macs', lit('1G')])],
  ],
  [
    ['model', lit('resnet50')],
    ['classes', lit(10)],
  ],
  [
    ['family', lit('imagenet')],
    ['blocksPerGroup', lit([2, 2, 2, 2])],
    ['k', lit(2)],
    ['input', lit(64)],
  ],
  [
    ['model', lit('resnet110')],
    ['order', lit('pre')],
    ['shortcut', lit('projection')],
  ],
  [
    ['depth', lit(164)],
    ['k', lit(1)],
    ['block', lit('bottleneck')],
    ['depthRule', lit('resnet')],
  ],
  [
    ['model', lit('resnext50_32x4d')],
    ['bottleneckStride', lit('1x1')],
  ],
  [
    ['family', lit('imagenet')],
    ['depth', lit(50)],
    ['groups', lit(32)],
    ['widthPerGroup', lit(8)],
    ['input', lit(64)],
  ],
];

export interface BudgetFileCase {
  readonly text: string;
  /** Where the one invalid value sits; undefined when the file may be valid. */
  readonly path?: readonly (string | number)[];
  readonly description: string;
}

const modelArb = fc.constantFrom(...VALID_MODELS);
const sharedBudget = obj(['params', lit('40M')], ['activationBytes', lit('64MiB')]);

function file(
  models: readonly (readonly (readonly [string, Json])[])[],
  top: readonly (readonly [string, Json])[] = [['budget', sharedBudget]],
): Json {
  return obj(...top, ['models', arr(...models.map((entries) => obj(...entries)))]);
}

/** One field of one model replaced by a value it must refuse. */
const badModelField: fc.Arbitrary<BudgetFileCase> = fc
  .record({
    models: fc.array(modelArb, { minLength: 1, maxLength: 3 }),
    index: fc.nat(),
    field: fc.constantFrom(...Object.keys(INVALID_MODEL_VALUES)),
    choice: fc.nat(),
  })
  .map(({ models, index, field, choice }) => {
    const at = index % models.length;
    const values = INVALID_MODEL_VALUES[field] ?? [];
    const bad = values[choice % values.length] ?? raw('null');
    const edited = models.map((entries, i) => (i === at ? [...entries.filter(([key]) => key !== field), [field, bad] as const] : entries));
    return {
      text: serialize(file(edited)),
      path: ['models', at, field],
      description: `models[${at}].${field} = ${serialize(bad).slice(0, 60)}`,
    };
  });

/** One budget amount (shared or a model's own) replaced by an amount it must refuse. */
const badAmount: fc.Arbitrary<BudgetFileCase> = fc
  .record({ metric: fc.constantFrom(...AMOUNT_FIELDS), own: fc.boolean(), choice: fc.nat() })
  .map(({ metric, own, choice }) => {
    const bad = NOT_AN_AMOUNT[choice % NOT_AN_AMOUNT.length] ?? raw('null');
    const budget = obj([metric, bad]);
    const models = own
      ? [
          [
            ['depth', lit(28)],
            ['k', lit(10)],
            ['budget', budget],
          ] as const,
        ]
      : [
          [
            ['depth', lit(28)],
            ['k', lit(10)],
          ] as const,
        ];
    const top = own ? [['budget', sharedBudget] as const] : [['budget', budget] as const];
    return {
      text: serialize(file(models, top)),
      path: own ? ['models', 0, 'budget', metric] : ['budget', metric],
      description: `${metric} = ${serialize(bad).slice(0, 60)}`,
    };
  });

/** A top-level field replaced, or an unknown key (including __proto__ and constructor) added somewhere. */
const badTop: fc.Arbitrary<BudgetFileCase> = fc
  .record({ field: fc.constantFrom(...Object.keys(INVALID_TOP_VALUES)), choice: fc.nat() })
  .map(({ field, choice }) => {
    const values = INVALID_TOP_VALUES[field] ?? [];
    const bad = values[choice % values.length] ?? raw('null');
    const top: (readonly [string, Json])[] = field === 'models' ? [['budget', sharedBudget]] : [[field, bad]];
    const json =
      field === 'models'
        ? obj(...top, ['models', bad])
        : file(VALID_MODELS.slice(0, 1), field === 'budget' ? top : [['budget', sharedBudget], ...top]);
    return { text: serialize(json), path: [field], description: `${field} = ${serialize(bad).slice(0, 60)}` };
  });

const unknownKey: fc.Arbitrary<BudgetFileCase> = fc
  .record({
    key: fc.constantFrom(...HOSTILE_KEYS),
    where: fc.constantFrom('top', 'model', 'budget', 'modelBudget'),
    value: fc.constantFrom(POLLUTER, lit(1), raw('null')),
  })
  .map(({ key, where, value }) => {
    const extra = [key, value] as const;
    const model: (readonly [string, Json])[] = [
      ['depth', lit(28)],
      ['k', lit(10)],
    ];
    if (where === 'model') model.push(extra);
    if (where === 'modelBudget') model.push(['budget', obj(['params', lit('40M')], extra)]);
    const top: (readonly [string, Json])[] =
      where === 'budget' ? [['budget', obj(['params', lit('40M')], extra)]] : [['budget', sharedBudget]];
    if (where === 'top') top.push(extra);
    const path = { top: [key], model: ['models', 0, key], budget: ['budget', key], modelBudget: ['models', 0, 'budget', key] }[where];
    return { text: serialize(file([model], top)), path, description: `unknown key ${JSON.stringify(key)} in ${where}` };
  });

/** Valid files, to keep the fuzzer honest: they must give a report (exit 0 or 1), not an error. */
const validFile: fc.Arbitrary<BudgetFileCase> = fc
  .record({
    models: fc.uniqueArray(fc.nat({ max: VALID_MODELS.length - 1 }), { minLength: 1, maxLength: 4 }),
    schema: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ models, schema, bom }) => {
    const top: (readonly [string, Json])[] = [
      ['budget', sharedBudget],
      ...(schema ? [['$schema', lit('./budgets.schema.json')] as const] : []),
    ];
    const text = serialize(
      file(
        models.map((i) => VALID_MODELS[i] ?? []),
        top,
      ),
    );
    return { text: bom ? `\uFEFF${text}` : text, description: 'a valid file' };
  });

/** Text damage: cut short, a stray byte, binary, invalid UTF-16, a repeated key. */
const damagedText: fc.Arbitrary<BudgetFileCase> = fc
  .record({
    base: validFile,
    cut: fc.nat(),
    insert: fc.constantFrom(
      '\u0000',
      '\uFFFD',
      '\uD800',
      '\u001b',
      ',',
      '}',
      ']',
      '"',
      '\\',
      ':',
      '\uFEFF',
      'NaN',
      'Infinity',
      'undefined',
      '//',
      '\n',
    ),
    mode: fc.constantFrom('truncate', 'insert', 'repeatKey', 'binary'),
  })
  .map(({ base, cut, insert, mode }) => {
    const at = cut % (base.text.length + 1);
    switch (mode) {
      case 'truncate':
        return { text: base.text.slice(0, at), description: `cut at ${at}` };
      case 'insert':
        return { text: `${base.text.slice(0, at)}${insert}${base.text.slice(at)}`, description: `${JSON.stringify(insert)} at ${at}` };
      case 'repeatKey':
        // JSON.parse keeps the last of a repeated key; the file must still be validated as a whole.
        return { text: base.text.replace('"models":', '"models":[],"models":'), description: 'models repeated' };
      case 'binary':
        return { text: String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37 + at) % 256)), description: 'binary bytes' };
    }
  });

export const budgetFileArb: fc.Arbitrary<BudgetFileCase> = fc.oneof(
  { arbitrary: badModelField, weight: 4 },
  { arbitrary: badAmount, weight: 2 },
  { arbitrary: badTop, weight: 2 },
  { arbitrary: unknownKey, weight: 2 },
  { arbitrary: validFile, weight: 1 },
  { arbitrary: damagedText, weight: 2 },
);
