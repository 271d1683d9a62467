import { monthlyFee } from './trust-account.service';

describe('monthly property fee', () => {
  it('multiplies area by the standard and rounds half up to whole fen', () => {
    expect(monthlyFee(8950n, 250n)).toBe(22375n); // 89.50 m² × ¥2.50
    expect(monthlyFee(12033n, 250n)).toBe(30083n); // 300.825 → 300.83
    expect(monthlyFee(12031n, 250n)).toBe(30078n); // 300.775 → 300.78
    expect(monthlyFee(1n, 49n)).toBe(0n);
  });
});
