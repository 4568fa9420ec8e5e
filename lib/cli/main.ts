import { Command } from "commander";
import { registerAudit } from "./commands/audit";
import { registerBench } from "./commands/bench";
import { registerConnector } from "./commands/connector";
import { registerMigrate } from "./commands/migrate";
import { registerPolicy } from "./commands/policy";
import { registerSeed } from "./commands/seed";
import { registerStart } from "./commands/start";
import { registerToken } from "./commands/token";
import { registerUser } from "./commands/user";
import { registerWorker } from "./commands/worker";
import { registerReplay } from "./commands/replay";

const program = new Command()
  .name("reflex")
  .description("Reflex: autonomic containment console")
  .showHelpAfterError();

registerStart(program);
registerMigrate(program);
registerSeed(program);
registerUser(program);
registerToken(program);
registerWorker(program);
registerReplay(program);
registerAudit(program);
registerBench(program);
registerConnector(program);
registerPolicy(program);

await program.parseAsync(process.argv);
