export * from '../../contracts/reference/credential';
