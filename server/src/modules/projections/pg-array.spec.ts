import { arrayLiteral } from './pg-array';

describe('arrayLiteral', () => {
  it('quotes every text, escapes quotes and backslashes, keeps null, numbers and booleans bare', () => {
    expect(arrayLiteral(['a', null, 'NULL', 'x,y', 'say "hi"', 'back\\slash', ''])).toBe(
      '{"a",NULL,"NULL","x,y","say \\"hi\\"","back\\\\slash",""}',
    );
    expect(arrayLiteral([1, 0, -2.5, true, false])).toBe('{1,0,-2.5,t,f}');
    expect(arrayLiteral([])).toBe('{}');
  });
});
