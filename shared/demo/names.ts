/** Realistic company and person names per country, from faker seeded by the demo seed. */
import { Faker, base, de, de_AT, de_CH, en, en_GB, en_IE, en_US, es, fr, it, nl, nl_BE, pl, sv } from '@faker-js/faker';
import type { CountryProfile } from './catalog';

const LOCALES = { de, de_AT, de_CH, en_GB, en_US, fr, nl, nl_BE, sv, pl, it, es, en_IE } as const;

export interface PersonName {
  readonly first: string;
  readonly last: string;
}

export interface NameSource {
  company(country: CountryProfile): string;
  person(country: CountryProfile): PersonName;
}

export function nameSource(seed: number): NameSource {
  const fakers = new Map<CountryProfile['locale'], Faker>();
  const fakerFor = (country: CountryProfile): Faker => {
    let faker = fakers.get(country.locale);
    if (!faker) {
      faker = new Faker({ locale: [LOCALES[country.locale], en, base] });
      // One stream per locale, seeded independently, so the order of countries does not matter.
      faker.seed([seed, Object.keys(LOCALES).indexOf(country.locale)]);
      fakers.set(country.locale, faker);
    }
    return faker;
  };
  return {
    company: (country) => fakerFor(country).company.name(),
    person: (country) => {
      const faker = fakerFor(country);
      return { first: faker.person.firstName(), last: faker.person.lastName() };
    },
  };
}

/** Lower-case ASCII letters and digits only, for e-mail addresses and domains. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
