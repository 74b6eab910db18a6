export * from '../../contracts/reference/license';
