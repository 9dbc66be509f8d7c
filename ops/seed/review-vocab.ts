/**
 * Phrases review bodies are assembled from: an opener matching the rating, a detail matching
 * its mood (from the product's department when there is one) and sometimes a closing remark.
 * `{noun}` is replaced by what reviewers call the product ("headphones", "book"); templates put
 * it where singular and plural nouns both read naturally.
 */

export type Mood = 'positive' | 'mixed' | 'negative';

/** Index = rating - 1. */
export const openers: readonly (readonly string[])[] = [
  [
    'Really disappointed with this {noun}.',
    'Would not buy again.',
    'Sent it back after a week.',
    'Not worth the money.',
  ],
  [
    'Expected more from this {noun}.',
    'Not great, not terrible.',
    'Below average, sadly.',
    'Had high hopes for this {noun}.',
  ],
  [
    'It does the job.',
    'A decent {noun} for the price.',
    'Mixed feelings about this {noun}.',
    'Okay overall.',
  ],
  [
    'Very happy with this {noun}.',
    'Solid {noun}, a few small quibbles.',
    'Good value and well made.',
    'Pleasantly surprised.',
  ],
  [
    'Absolutely love this {noun}!',
    'Best {noun} I have bought in years.',
    'Five stars, no hesitation.',
    'Exactly what I was looking for.',
    'Fantastic {noun}.',
  ],
];

export const generalDetails: Record<Mood, readonly string[]> = {
  positive: [
    'Arrived a day early and beautifully packed.',
    'Feels sturdy and well made.',
    'Already recommended it to two friends.',
    'Looks even better in person than in the photos.',
    'Great quality for what it costs.',
  ],
  mixed: [
    'Shipping took longer than promised.',
    'Smaller than I expected from the pictures.',
    'Quality is fine but nothing special.',
    'The instructions could be clearer.',
  ],
  negative: [
    'Arrived with a scratch on the side.',
    'Stopped working properly after a month.',
    'Feels cheaper than the price suggests.',
    'Customer service took ages to reply.',
  ],
};

/** Department-specific details, keyed by the top-level category's SKU code. */
export const departmentDetails: Record<string, Record<Mood, readonly string[]>> = {
  ELE: {
    positive: ['Battery easily lasts the whole day.', 'Pairing took about ten seconds.'],
    mixed: ['The companion app is a bit clunky.', 'Battery life is shorter than advertised.'],
    negative: ['Kept dropping the connection.', 'Gets uncomfortably warm after an hour.'],
  },
  HOM: {
    positive: ['Looks great in our kitchen.', 'Easy to clean and still looks new.'],
    mixed: ['Took a while to assemble.', 'The colour is a little off from the photos.'],
    negative: ['One of the parts was missing.', 'The finish started peeling within weeks.'],
  },
  FAS: {
    positive: [
      'Fits true to size and the fabric is lovely.',
      'Held up perfectly after many washes.',
    ],
    mixed: ['Runs slightly small, so size up.', 'Creases more than I would like.'],
    negative: ['Shrank after the first wash.', 'The stitching came loose quickly.'],
  },
  SPO: {
    positive: ['Survived a week of rain on the trail.', 'Light enough that I forget it is there.'],
    mixed: ['Does the job but is heavier than I hoped.', 'Packing it away takes practice.'],
    negative: ['Leaked the first time it rained.', 'A buckle snapped on the second trip.'],
  },
  BOO: {
    positive: ['Could not put it down.', 'Read it in one weekend.'],
    mixed: ['The middle drags a little.', 'Good ideas, uneven execution.'],
    negative: ['Gave up halfway through.', 'The ending felt rushed.'],
  },
  TOY: {
    positive: ['The kids play with it every day.', 'Now a family game-night favourite.'],
    mixed: ['Fun, but the rules take a while to learn.', 'Good for a few sessions.'],
    negative: ['Pieces broke within days.', 'The kids lost interest almost immediately.'],
  },
  BEA: {
    positive: ['My skin has never felt softer.', 'A little goes a long way.'],
    mixed: ['Nice texture, but I did not notice much difference.', 'The scent fades quickly.'],
    negative: ['Caused a rash on the first use.', 'The pump stopped working.'],
  },
  GAR: {
    positive: ['Made short work of a weekend project.', 'Comfortable to use for hours.'],
    mixed: ['Works well, but the case is flimsy.', 'Fine for light jobs.'],
    negative: ['Rusted after one season outside.', 'The handle cracked on the first use.'],
  },
};

export const closers: Record<Mood, readonly string[]> = {
  positive: ['Would buy again.', 'Worth every penny.', 'Update: still going strong months later.'],
  mixed: ['Hope this helps someone.', 'Might suit others better than me.'],
  negative: ['Hope this helps someone avoid the same mistake.', 'Returning it.'],
};
