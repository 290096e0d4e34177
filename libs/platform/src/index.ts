/**
 * The composition root shared by the apps and the tests: which libs make up the product.
 * Apps depend on this; domain libs never do.
 */
export * from './schema';
export * from './modules';
