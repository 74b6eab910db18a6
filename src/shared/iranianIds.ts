export * from '../../contracts/primitives/iranianIds';
