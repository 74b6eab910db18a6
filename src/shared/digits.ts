export * from '../../contracts/primitives/digits';
