import { TariffDesk } from '../regulator/Tariffs';
import { NewTariffVersion } from './NewTariffVersion';

/** The Commission's tariffs: as the regulator reads them, and a new version recorded there. */
export function CommissionTariffs() {
  return <TariffDesk title="commission.tariffs" action={NewTariffVersion} />;
}
