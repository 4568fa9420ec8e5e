import type { TDb, TTx } from "@/lib/db/client";
import type { TContextAnswers, TContextQuestion } from "@/lib/playbooks/context-questions";
import { answerQuestionSets } from "@/lib/server/context/context-store";

/** One alert's answers keyed by question id: the store's one-set case. */
export async function answerQuestions(client: TDb | TTx, questions: readonly TContextQuestion[]): Promise<TContextAnswers> {
  const [answers] = await answerQuestionSets(client, [questions]);
  if (!answers) throw new Error("context store gave no answers");
  return answers;
}
