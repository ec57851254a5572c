/** Whether a cell type names a basket cell (the cells Puppo et al. 2018 analysed). */
export function isBasket(cellType: string | undefined): boolean {
  return cellType !== undefined && /\bbasket\b/i.test(cellType);
}
