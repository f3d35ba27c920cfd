import { describe, expect, it } from 'vitest';
import * as py from '../../src/export/python.js';

/*
 * The only ways a value becomes Python text. Each refuses what could change the code
 * around it; the export never gets these values from a user (they are the spec's
 * numbers and wrn-calc's own names), so a refusal here is a bug caught, not an input error.
 */

describe('Python text', () => {
  it('writes identifiers, and refuses anything else', () => {
    expect(py.identifier('layer1')).toBe('layer1');
    expect(py.identifier('_x9')).toBe('_x9');
    for (const bad of ['', '1x', 'a-b', 'a b', 'class', 'None', 'import', 'a.b', 'é', 'a\nb', "a'"]) {
      expect(() => py.identifier(bad), bad).toThrow('cannot be written into Python code');
    }
  });

  it('makes a class name from a model name, or refuses', () => {
    expect(py.className('WRN-28-10')).toBe('WRN_28_10');
    expect(py.className('WRN-40-1.5')).toBe('WRN_40_1_5');
    expect(py.className('ResNeXt-50-32x4d')).toBe('ResNeXt_50_32x4d');
    expect(py.className('preact-resnet164')).toBe('preact_resnet164');
    expect(py.className('50-layers')).toBe('Net_50_layers');
    expect(py.className('a"""; import os')).toBe('a_____import_os');
    expect(() => py.className('class')).toThrow();
  });

  it('writes numbers as Python reads them back exactly', () => {
    expect(py.int(36479194, true)).toBe('36_479_194');
    expect(py.int(999)).toBe('999');
    expect(py.float(0.3)).toBe('0.3');
    expect(py.float(1e-7)).toBe('1e-7');
    expect(py.float(0)).toBe('0.0');
    expect(py.float(0.30000000000000004)).toBe('0.30000000000000004');
    for (const bad of [Number.NaN, Infinity, 2 ** 53, 1.5]) expect(() => py.int(bad)).toThrow();
    for (const bad of [Number.NaN, -Infinity]) expect(() => py.float(bad)).toThrow();
    expect(py.bool(true)).toBe('True');
  });

  it('writes known names as strings, and nothing that could close the quote', () => {
    expect(py.name('zero-pad')).toBe("'zero-pad'");
    for (const bad of ["x'", 'x\\', 'X', '', 'a b', '-a']) expect(() => py.name(bad), bad).toThrow();
  });

  it('lets no quote or backslash into docstrings and comments, and no newline into a comment', () => {
    expect(py.text("torchvision's ResNet: 16×32×32 → 10, 1,000 … −1·2")).toBe("torchvision's ResNet: 16×32×32 → 10, 1,000 … −1·2");
    expect(py.text('a\nb', true)).toBe('a\nb');
    for (const bad of ['"""', '"', '\\', 'a\nb', '\u0000', '\u202e']) expect(() => py.text(bad), JSON.stringify(bad)).toThrow();
  });
});
