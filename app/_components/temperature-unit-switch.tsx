"use client";
/**
 * °C or °F for the signed-in user, remembered in their account (lib/users/temperature-unit.ts):
 * every temperature on the pages, the charting form, the charts and the printed handoff follows it.
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { TEMPERATURE_UNITS, type TemperatureUnit } from "@/lib/format/temperature";
import { chooseTemperatureUnit } from "@/app/preferences/actions";

export function TemperatureUnitSwitch({ unit }: { unit: TemperatureUnit }) {
  const router = useRouter();
  const [shown, setShown] = useState(unit);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const choose = (next: TemperatureUnit) => {
    if (next === shown || pending) return;
    startTransition(async () => {
      try {
        const result = await chooseTemperatureUnit(next);
        if (!result.ok) {
          setProblem(result.message);
          return;
        }
        setProblem(null);
        setShown(next);
        router.refresh();
      } catch {
        setProblem("The server could not be reached: the unit was not changed.");
      }
    });
  };

  return (
    <span className="unit-switch" role="group" aria-label="Show temperatures in">
      {TEMPERATURE_UNITS.map((choice) => (
        <button
          key={choice}
          type="button"
          className={choice === shown ? "" : "secondary"}
          aria-pressed={choice === shown}
          disabled={pending}
          onClick={() => choose(choice)}
        >
          °{choice}
        </button>
      ))}
      {problem && (
        <span role="alert" className="field-error">
          {problem}
        </span>
      )}
    </span>
  );
}
