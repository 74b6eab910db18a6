export * from '../../contracts/reference/psp';
