export * from '../../contracts/primitives/jalaliPeriod';
