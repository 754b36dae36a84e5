/**
 * The answers for what the data cannot say, as the register view holds them before classifying:
 * the questions read from the register (programmes or departments, and organisations whose names
 * suggest infrastructure), the remembered answers, and the user's changes to them.
 */
import * as React from "react";
import {
  NO_ANSWERS,
  type RegisterAnswers,
  type RegisterQuestions,
} from "../../../domain/classification/answers";

const NO_QUESTIONS: RegisterQuestions = { programmes: [], organisations: [] };

export function useRegisterAnswers() {
  const [questions, setQuestions] = React.useState<RegisterQuestions>(NO_QUESTIONS);
  const [answers, setAnswers] = React.useState<RegisterAnswers>(NO_ANSWERS);

  /** Answer a programme's question (null: not answered). */
  const answerProgramme = (key: string, label: string, value: boolean | null) =>
    setAnswers((a) => {
      const programmes = { ...a.programmes };
      if (value === null) delete programmes[key];
      else programmes[key] = { label, outputsSpecified: value };
      return { ...a, programmes };
    });

  /** Confirm (or refuse) an organisation as an infrastructure body. */
  const answerOrganisation = (
    key: string,
    label: string,
    tier: "infrastructure" | "frontline" | null
  ) =>
    setAnswers((a) => {
      const organisations = { ...a.organisations };
      if (tier === null) delete organisations[key];
      else organisations[key] = { label, tier };
      return { ...a, organisations };
    });

  /** The questions with the current answers filled in. */
  const shown: RegisterQuestions = {
    programmes: questions.programmes.map((q) => ({
      ...q,
      answer: answers.programmes[q.key]?.outputsSpecified ?? null,
    })),
    organisations: questions.organisations.map((q) => ({
      ...q,
      answer: answers.organisations[q.key]?.tier ?? null,
    })),
  };

  /** New questions and the answers remembered for them. */
  const load = (q: RegisterQuestions, a: RegisterAnswers) => {
    setQuestions(q);
    setAnswers(a);
  };

  return { questions: shown, answers, answerProgramme, answerOrganisation, load };
}
