export * from '../../contracts/reference/office';
