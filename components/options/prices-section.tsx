import { formatMonth } from '../../lib/insights/cost-format';
import {
  LIST_PRICES,
  parsePrice,
  priceFor,
  priceOrigin,
  type PriceOverride,
} from '../../lib/insights/prices';
import { hostOfOrigin } from '../../lib/settings/base-url-rules';
import {
  PRICES_FIELD_ID,
  priceFieldId,
  STAGES,
  type PriceField,
  type PriceForm,
} from '../../lib/settings/validate-settings';
import { Field, FieldError } from '../ui/field';
import { useOptionsStore } from './options-store';

/** The popup opens the settings at `#prices` when a result's price is unknown. */
export const PRICES_SECTION_ID = 'prices';

const STAGE_LABEL = { draft: 'Draft', refinement: 'Refinement' } as const;

const FIELDS: { field: PriceField; label: string; hint?: string; wide?: boolean }[] = [
  { field: 'origin', label: 'Provider address', hint: 'As in the base URL.', wide: true },
  { field: 'model', label: 'Model', wide: true },
  { field: 'inputPerMTok', label: 'Input price', hint: 'US$ per million tokens.' },
  { field: 'outputPerMTok', label: 'Output price', hint: 'US$ per million tokens.' },
];

/** The rows as far as they can be read yet, so the note about unpriced stages follows typing. */
function typedPrices(rows: readonly PriceForm[]): PriceOverride[] {
  return rows.flatMap((row) => {
    const origin = priceOrigin(row.origin);
    const inputPerMTok = parsePrice(row.inputPerMTok);
    const outputPerMTok = parsePrice(row.outputPerMTok);
    const model = row.model.trim();
    if (origin === null || model === '' || inputPerMTok === null || outputPerMTok === null) {
      return [];
    }
    return [{ origin, model, inputPerMTok, outputPerMTok }];
  });
}

function PriceRow({ index }: { index: number }) {
  const row = useOptionsStore((state) => state.form.priceOverrides[index]);
  const errors = useOptionsStore((state) => state.errors);
  const setPrice = useOptionsStore((state) => state.setPrice);
  const removePrice = useOptionsStore((state) => state.removePrice);
  if (!row) return null;
  const name = `Price ${index + 1}`;
  return (
    <fieldset className="price-row">
      <legend className="price-row-title">{name}</legend>
      {FIELDS.map(({ field, label, hint, wide }) => (
        <Field
          key={field}
          id={priceFieldId(index, field)}
          label={label}
          hint={hint}
          error={errors[priceFieldId(index, field)]}
          className={wide ? 'price-wide' : undefined}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode={wide ? undefined : 'decimal'}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              placeholder={
                field === 'origin' ? 'https://openrouter.ai' : field === 'model' ? '' : '0.15'
              }
              value={row[field]}
              onChange={(event) => setPrice(index, field, event.target.value)}
            />
          )}
        </Field>
      ))}
      <button
        type="button"
        className="button button-secondary price-remove"
        onClick={() => removePrice(index)}
        aria-label={`Remove ${name.toLowerCase()}`}
      >
        Remove
      </button>
    </fieldset>
  );
}

/**
 * The stages whose endpoint and model have no price, list or typed: their cost reads "—" until
 * the user gives one, and one click starts that row.
 */
function UnpricedStages() {
  const draft = useOptionsStore((state) => state.form.draft);
  const refinement = useOptionsStore((state) => state.form.refinement);
  const rows = useOptionsStore((state) => state.form.priceOverrides);
  const addPrice = useOptionsStore((state) => state.addPrice);
  const typed = typedPrices(rows);
  const stages = { draft, refinement };
  const missing = STAGES.flatMap((stage) => {
    const { baseUrl, model } = stages[stage];
    const origin = priceOrigin(baseUrl);
    if (origin === null || model.trim() === '') return [];
    if (priceFor({ baseUrl, model }, typed) !== null) return [];
    // The same endpoint and model for both stages needs one price.
    return [{ stage, origin, model: model.trim() }];
  }).filter(
    (item, i, all) =>
      all.findIndex((other) => other.origin === item.origin && other.model === item.model) === i,
  );
  if (missing.length === 0) return null;
  return (
    <ul className="unpriced">
      {missing.map(({ stage, origin, model }) => (
        <li key={stage}>
          <span>
            {STAGE_LABEL[stage]}: no price for <strong>{model}</strong> at {hostOfOrigin(origin)},
            so its cost shows as “—”.
          </span>{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => addPrice({ origin, model })}
          >
            {`Add a price for ${model}`}
          </button>
        </li>
      ))}
    </ul>
  );
}

function ListPrices() {
  return (
    <details className="list-prices">
      <summary>Built-in prices</summary>
      <p className="field-hint">
        Public list prices of each provider’s own API, per million tokens. The same model behind
        another address is not priced from this list.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Provider address</th>
            <th scope="col">Input</th>
            <th scope="col">Output</th>
            <th scope="col">As of</th>
          </tr>
        </thead>
        <tbody>
          {LIST_PRICES.map((price) => (
            <tr key={`${price.origin} ${price.model}`}>
              <td>{price.model}</td>
              <td>{price.origin}</td>
              <td>${price.inputPerMTok}</td>
              <td>${price.outputPerMTok}</td>
              <td>
                <a href={price.source} target="_blank" rel="noreferrer">
                  {formatMonth(price.asOf)}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function PricesSection() {
  const count = useOptionsStore((state) => state.form.priceOverrides.length);
  const addPrice = useOptionsStore((state) => state.addPrice);
  const tooMany = useOptionsStore((state) => state.errors[PRICES_FIELD_ID]);
  return (
    <fieldset className="card" id={PRICES_SECTION_ID}>
      <legend className="card-title">Prices</legend>
      <p className="card-intro">
        The cost beside each result is estimated from the tokens the provider reports and the price
        of that model at that address. The built-in prices cover the providers’ own APIs; a gateway,
        OpenRouter or a local server has no price until you add one here (0 for a free or local
        model), and its cost shows as “—” until then. Your prices win over the built-in ones.
      </p>
      <UnpricedStages />
      {count === 0 ? (
        <p className="field-hint">No prices of your own yet.</p>
      ) : (
        <div className="price-rows">
          {Array.from({ length: count }, (_, index) => (
            <PriceRow key={index} index={index} />
          ))}
        </div>
      )}
      <div className="price-add">
        <button
          id={PRICES_FIELD_ID}
          type="button"
          className="button button-secondary"
          onClick={() => addPrice()}
          aria-describedby={tooMany ? `${PRICES_FIELD_ID}-error` : undefined}
        >
          Add a price
        </button>
        {tooMany && <FieldError id={`${PRICES_FIELD_ID}-error`} message={tooMany} />}
      </div>
      <ListPrices />
    </fieldset>
  );
}
