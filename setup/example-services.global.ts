import { startExampleServices } from "../fixtures/services/start-example-services.ts";
import { resolveOptions } from "../qualification/shared/options/resolve-options.ts";
import { exampleServicesWanted } from "./example-services-wanted.ts";

/**
 * Qualify mode's global setup. The bundled example platform has one plugin and a query tier that need its
 * port-8000 and port-7411 services; for the quick start to show a complete, green qualification they are
 * started here on free loopback ports, and the run (workers inherit this environment; so do the platform's
 * own processes) is pointed at them. Any other target — or any service URL the user gives, or
 * QUALIFY_EXAMPLE_SERVICES=off — leaves services entirely to the user: nothing is started behind their back.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (!exampleServicesWanted(resolveOptions())) return async () => {};
  const services = await startExampleServices();
  Object.assign(process.env, services.env);
  process.stderr.write(
    `qualification: started the bundled example's fixture services (service_7411 ${services.urls.service_7411}, service_8000 ${services.urls.service_8000}); QUALIFY_EXAMPLE_SERVICES=off qualifies with them down\n`,
  );
  return () => services.stop();
}
