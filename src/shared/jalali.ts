export * from '../../contracts/primitives/jalali';
