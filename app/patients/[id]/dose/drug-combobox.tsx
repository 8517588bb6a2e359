"use client";
/**
 * DRUG-CODES: the drug is picked from the coded list by typing any of its names ("act" finds
 * Tocilizumab (Actemra)); "Other" is the last option, for a drug not in the list. An ARIA 1.2
 * combobox: the text box owns a listbox, ↓/↑ move through the options, Enter picks, Escape closes,
 * and the active option is announced (aria-activedescendant).
 */
import { useId, useState } from "react";
import { DRUG_CHOICES, OTHER_DRUG, searchDrugChoices } from "@/lib/doses/dose-input";

const OTHER_LABEL = "Other (type the name)";

/** What the box shows for a chosen value. */
export function drugChoiceLabel(value: string): string {
  if (value === OTHER_DRUG) return OTHER_LABEL;
  return DRUG_CHOICES.find((choice) => choice.value === value)?.label ?? "";
}

export function DrugCombobox({
  id,
  value,
  onChoose,
  describedBy,
  invalid,
  autoFocus,
}: {
  id: string;
  value: string;
  onChoose: (value: string) => void;
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
}) {
  const listId = useId();
  const [text, setText] = useState(() => drugChoiceLabel(value));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // While the box shows the chosen drug's label, every drug is listed; once typed in, the matches.
  const query = text === drugChoiceLabel(value) ? "" : text;
  const options = [
    ...searchDrugChoices(query).map((choice) => ({ value: choice.value, label: choice.label })),
    { value: OTHER_DRUG, label: OTHER_LABEL },
  ];
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    onChoose(option.value);
    setText(option.label);
    setOpen(false);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((index) => Math.min(index + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder="Type a generic or brand name…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
          // What is typed is not a choice until one is picked: the form refuses an unpicked drug.
          if (value !== "") onChoose("");
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Drugs" className="combobox-list" hidden={!open}>
        {options.map((option, index) => (
          <li
            key={option.value}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            // mousedown, not click: the text box would lose focus (and close the list) first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(index);
            }}
          >
            {option.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
