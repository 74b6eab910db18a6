export * from '../../contracts/primitives/provinces';
