export * from '../../contracts/reference/terminal';
