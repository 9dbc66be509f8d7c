/**
 * The shop's category tree and the words its products are made of. The tree is the same at
 * every scale (only the number of products in it grows), so category ids and slugs are stable
 * across seeded environments.
 *
 * Price and weight belong to the kind of item, not the category: a garden hose and a raised
 * bed share "Gardening" but not a shipping cost. Blurbs and closers are written to fit every
 * item they can be combined with.
 */

/** One kind of product: the last word(s) of its name, its price range and weight range. */
export interface Item {
  noun: string;
  /** Whole dollars, inclusive; cheaper prices are likelier. */
  dollars: readonly [number, number];
  grams: readonly [number, number];
  /** Replaces the leaf's features for this item. */
  features?: readonly string[];
}

/** How products in one leaf category are named and described. */
export interface LeafVocab {
  items: readonly Item[];
  /** Qualifiers between brand and noun: "Wireless", "Noise-Cancelling". */
  features: readonly string[];
  /** First sentence of a description. */
  blurbs: readonly string[];
  /** Replaces the shared brand pool (book titles have no brands). */
  brands?: readonly string[];
  /** Name layout; defaults to '{brand} {feature} {noun}'. */
  pattern?: string;
  /** What reviewers call it; defaults to the noun in lower case. */
  reviewNoun?: string;
}

export interface CategoryNode {
  name: string;
  /** Top-level categories only: the SKU prefix of every product below them. */
  code?: string;
  /** Top-level categories only: second sentences of descriptions. */
  closers?: readonly string[];
  children?: readonly CategoryNode[];
  /** Leaves only: products are placed in leaf categories. */
  vocab?: LeafVocab;
}

const item = (
  noun: string,
  dollars: readonly [number, number],
  grams: readonly [number, number],
  features?: readonly string[],
): Item => (features ? { noun, dollars, grams, features } : { noun, dollars, grams });

/** Made-up brand names shared by every category that has brands. */
// prettier-ignore
export const brands: readonly string[] = [
  'Aurora', 'Nimbus', 'Vertex', 'Halcyon', 'Summit', 'Juniper', 'Atlas', 'Ember',
  'Cobalt', 'Lumen', 'Northwind', 'Solace', 'Tidal', 'Meridian', 'Kestrel', 'Alder',
  'Basalt', 'Cascade', 'Driftwood', 'Granite', 'Harbor', 'Ironwood', 'Linden', 'Marlow',
  'Oakhurst', 'Pinecrest', 'Quill', 'Redwood', 'Sable', 'Tundra', 'Willow', 'Zephyr',
];

export const categoryTree: readonly CategoryNode[] = [
  {
    name: 'Electronics',
    code: 'ELE',
    closers: [
      'Includes a two-year limited warranty.',
      'Tested for everyday reliability.',
      'Backed by our 30-day return policy.',
      'Ships in plastic-free packaging.',
    ],
    children: [
      {
        name: 'Audio',
        children: [
          {
            name: 'Headphones',
            vocab: {
              items: [
                item('Headphones', [39, 449], [180, 380]),
                item('Earbuds', [19, 279], [40, 70]),
                item('Gaming Headset', [29, 249], [220, 400]),
              ],
              features: ['Wireless', 'Noise-Cancelling', 'Studio', 'Sport', 'Bluetooth', 'Pro'],
              blurbs: [
                'Deep, balanced sound with up to 30 hours of battery life.',
                'A comfortable fit for long listening sessions.',
                'Adaptive noise cancelling tunes out the commute.',
                'Comes with a compact carrying case.',
              ],
            },
          },
          {
            name: 'Speakers',
            vocab: {
              items: [
                item('Speaker', [29, 299], [300, 2200]),
                item('Soundbar', [99, 899], [2000, 6500]),
                item('Bookshelf Speakers', [149, 999], [4000, 12000]),
              ],
              features: ['Smart', 'Bluetooth', 'Compact', 'Hi-Fi', 'Wireless', 'Studio'],
              blurbs: [
                'Room-filling sound from a cabinet small enough for a shelf.',
                'Rich bass without distortion, even at high volume.',
                'Pair two for true stereo in seconds.',
              ],
            },
          },
        ],
      },
      {
        name: 'Computers',
        children: [
          {
            name: 'Laptops',
            vocab: {
              items: [
                item('Laptop', [399, 2499], [1300, 2400]),
                item('Ultrabook', [799, 2299], [990, 1400]),
                item('Chromebook', [199, 699], [1000, 1600]),
                item('2-in-1 Laptop', [499, 1799], [1100, 1500]),
              ],
              features: ['14-inch', '16-inch', 'Lightweight', 'Pro', 'Creator', 'Everyday'],
              blurbs: [
                'All-day battery and a bright, colour-accurate display.',
                'Stays cool and quiet under load.',
                'Fast SSD storage and a backlit keyboard.',
              ],
            },
          },
          {
            name: 'Keyboards & Mice',
            vocab: {
              items: [
                item(
                  'Keyboard',
                  [25, 229],
                  [450, 1200],
                  ['Mechanical', 'Wireless', 'Low-Profile', 'Gaming', 'Compact', 'Ergonomic'],
                ),
                item('Mouse', [15, 149], [60, 140]),
                item('Trackpad', [49, 149], [200, 260]),
                item('Keyboard and Mouse Set', [35, 199], [700, 1300]),
              ],
              features: ['Wireless', 'Ergonomic', 'Silent', 'Gaming', 'Compact', 'Bluetooth'],
              blurbs: [
                'Built to last for millions of clicks and keystrokes.',
                'Connects to up to three devices and switches with one key.',
                'A sculpted shape that keeps wrists neutral.',
              ],
            },
          },
        ],
      },
      {
        name: 'Cameras',
        vocab: {
          items: [
            item('Mirrorless Camera', [499, 2999], [400, 900]),
            item('Action Camera', [99, 499], [120, 160]),
            item('Instant Camera', [59, 199], [300, 600]),
            item(
              'Camera Lens',
              [149, 1899],
              [180, 1100],
              ['Wide-Angle', 'Portrait', 'Telephoto', 'Macro', 'Zoom', 'Pancake'],
            ),
          ],
          features: ['Compact', 'Weather-Sealed', 'Travel', 'Pro', 'Retro', 'Creator'],
          blurbs: [
            'Sharp, vivid images in almost any light.',
            'Compact and light enough to take everywhere.',
            'Weather-resistant construction for shooting outdoors.',
          ],
        },
      },
      {
        name: 'Smart Home',
        vocab: {
          items: [
            item('Smart Plug', [12, 39], [80, 150]),
            item('Video Doorbell', [59, 249], [200, 450]),
            item('Thermostat', [89, 279], [250, 500]),
            item('Security Camera', [29, 199], [150, 600]),
            item('Smart Bulb Set', [19, 89], [150, 400]),
          ],
          features: [
            'Wi-Fi',
            'Voice-Controlled',
            'Energy-Saving',
            'Matter-Ready',
            'Compact',
            'Home',
          ],
          blurbs: [
            'Set schedules and scenes from the app or by voice.',
            'Works with the major smart-home platforms.',
            'Installs in minutes with no hub required.',
          ],
        },
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    code: 'HOM',
    closers: [
      'Designed to last for years of daily use.',
      'Ships in plastic-free packaging.',
      'Backed by a one-year guarantee.',
      'Designed in our studio in Lisbon.',
    ],
    children: [
      {
        name: 'Kitchen',
        children: [
          {
            name: 'Cookware',
            vocab: {
              items: [
                item('Skillet', [19, 149], [900, 3500]),
                item('Dutch Oven', [49, 399], [3500, 6500]),
                item('Saucepan', [19, 129], [700, 1800]),
                item('Cookware Set', [99, 599], [4000, 12000]),
                item('Wok', [25, 129], [1000, 2500]),
              ],
              features: [
                'Cast-Iron',
                'Non-Stick',
                'Stainless Steel',
                'Enamelled',
                'Carbon Steel',
                'Tri-Ply',
              ],
              blurbs: [
                'Heats evenly and holds temperature for a proper sear.',
                'Suitable for every hob, induction included.',
                'Easy to clean and built to last a lifetime.',
              ],
            },
          },
          {
            name: 'Small Appliances',
            vocab: {
              items: [
                item('Blender', [39, 499], [1800, 5000]),
                item('Electric Kettle', [24, 149], [900, 1600]),
                item('Toaster', [24, 199], [1500, 3500]),
                item('Coffee Maker', [39, 549], [2000, 7000]),
                item('Air Fryer', [59, 249], [3500, 7000]),
                item('Stand Mixer', [149, 599], [5000, 11000]),
              ],
              features: ['Compact', 'Programmable', 'Retro', 'Digital', 'Quiet', 'Classic'],
              blurbs: [
                'Simple controls and a handful of genuinely useful presets.',
                'A small footprint that leaves room on the counter.',
                'Removable parts go straight into the dishwasher.',
              ],
            },
          },
        ],
      },
      {
        name: 'Furniture',
        vocab: {
          items: [
            item('Bookcase', [89, 699], [15000, 45000]),
            item('Side Table', [49, 349], [3000, 12000]),
            item('Desk', [129, 999], [18000, 40000]),
            item('Armchair', [199, 1299], [12000, 30000]),
            item('Bar Stool', [59, 249], [4000, 9000]),
            item('Coffee Table', [99, 799], [10000, 30000]),
          ],
          features: ['Solid Oak', 'Mid-Century', 'Walnut', 'Minimalist', 'Rattan', 'Industrial'],
          blurbs: [
            'Solid construction with a hand-finished surface.',
            'Arrives with everything needed for assembly.',
            'Clean lines that suit small apartments.',
          ],
        },
      },
      {
        name: 'Bedding',
        vocab: {
          items: [
            item('Duvet Cover', [39, 249], [900, 2200]),
            item('Sheet Set', [39, 299], [1000, 2500]),
            item('Pillow', [19, 129], [500, 1400]),
            item('Weighted Blanket', [59, 249], [4500, 11000]),
            item('Throw', [29, 179], [600, 1800]),
          ],
          features: ['Linen', 'Percale', 'Organic Cotton', 'Sateen', 'Cooling', 'Bamboo'],
          blurbs: [
            'Breathable fabric that gets softer with every wash.',
            'Stays cool in summer and cosy in winter.',
            'Pre-washed for a relaxed, lived-in feel.',
          ],
        },
      },
      {
        name: 'Home Decor',
        vocab: {
          items: [
            item(
              'Vase',
              [15, 149],
              [300, 2500],
              ['Ceramic', 'Stoneware', 'Glass', 'Handmade', 'Speckled', 'Fluted'],
            ),
            item(
              'Table Lamp',
              [35, 299],
              [1000, 4000],
              ['Brass', 'Ceramic', 'Rattan', 'Mushroom', 'Arched', 'Linen-Shade'],
            ),
            item(
              'Wall Mirror',
              [39, 399],
              [2000, 12000],
              ['Brass', 'Arched', 'Round', 'Oak-Framed', 'Antique', 'Oversized'],
            ),
            item(
              'Scented Candle',
              [12, 69],
              [200, 900],
              ['Fig', 'Cedar', 'Amber', 'Sea Salt', 'Tobacco', 'Three-Wick'],
            ),
            item(
              'Rug',
              [49, 699],
              [2000, 15000],
              ['Woven', 'Jute', 'Wool', 'Moroccan', 'Vintage-Look', 'Flatweave'],
            ),
          ],
          features: ['Handmade', 'Scandinavian'],
          blurbs: [
            'Each piece varies slightly, a mark of being made by hand.',
            'An easy way to bring warmth to a room.',
            'Neutral tones that work with any palette.',
          ],
        },
      },
    ],
  },
  {
    name: 'Fashion',
    code: 'FAS',
    closers: [
      'Free returns within 30 days.',
      'Ethically made in audited factories.',
      'Gift wrapping available at checkout.',
      'Designed to be worn for years, not a season.',
    ],
    children: [
      {
        name: 'Clothing',
        children: [
          {
            name: "Men's Clothing",
            vocab: {
              items: [
                item('Oxford Shirt', [29, 119], [250, 400]),
                item('Chinos', [35, 129], [450, 700]),
                item('Crewneck Sweater', [39, 199], [350, 700]),
                item('Rain Jacket', [59, 249], [400, 900]),
                item('T-Shirt', [14, 49], [150, 250]),
                item('Hoodie', [35, 119], [500, 900]),
              ],
              features: [
                'Slim-Fit',
                'Organic Cotton',
                'Relaxed',
                'Stretch',
                'Classic',
                'Heavyweight',
              ],
              blurbs: [
                'A tailored cut that works at the office and on the weekend.',
                'Soft, durable fabric that keeps its shape.',
                'Garment-dyed for a rich, lasting colour.',
              ],
            },
          },
          {
            name: "Women's Clothing",
            vocab: {
              items: [
                item('Wrap Dress', [39, 189], [250, 500]),
                item('Blouse', [29, 129], [150, 300]),
                item('Cardigan', [39, 219], [300, 650]),
                item('Wide-Leg Trousers', [39, 159], [350, 600]),
                item('Trench Coat', [99, 399], [900, 1500]),
                item('Jumpsuit', [49, 189], [350, 700]),
              ],
              features: ['Linen', 'Relaxed', 'Tailored', 'Recycled', 'Organic Cotton', 'Everyday'],
              blurbs: [
                'An easy, flattering silhouette for every season.',
                'Fabric with a beautiful drape and a soft hand.',
                'Thoughtful details like real pockets and covered buttons.',
              ],
            },
          },
        ],
      },
      {
        name: 'Shoes',
        vocab: {
          items: [
            item('Sneakers', [49, 179], [600, 1000]),
            item('Chelsea Boots', [99, 279], [1100, 1600]),
            item('Loafers', [79, 229], [600, 1000]),
            item('Sandals', [29, 129], [300, 700]),
            item('Running Shoes', [69, 199], [450, 700]),
          ],
          features: ['Leather', 'Suede', 'Vegan', 'Lightweight', 'Everyday', 'Cushioned'],
          blurbs: [
            'A cushioned footbed for all-day comfort.',
            'Grippy rubber soles that handle wet pavements.',
            'Comfortable from the very first wear.',
          ],
        },
      },
      {
        name: 'Bags & Luggage',
        vocab: {
          items: [
            item('Backpack', [39, 249], [600, 1600]),
            item('Tote Bag', [24, 199], [300, 900]),
            item('Carry-On Suitcase', [119, 449], [2400, 3800]),
            item('Duffel Bag', [59, 279], [900, 1800]),
            item('Crossbody Bag', [29, 229], [250, 700]),
          ],
          features: [
            'Waxed Canvas',
            'Leather',
            'Water-Resistant',
            'Recycled',
            'Everyday',
            'Travel',
          ],
          blurbs: [
            'Plenty of pockets to keep the essentials organised.',
            'Durable zips and reinforced seams.',
            'Smart enough for the office, tough enough for a trip.',
          ],
        },
      },
      {
        name: 'Watches',
        vocab: {
          items: [
            item('Watch', [59, 899], [40, 150]),
            item('Chronograph', [149, 1499], [90, 190]),
            item('Dive Watch', [149, 1299], [100, 190]),
            item(
              'Smartwatch',
              [99, 799],
              [35, 70],
              ['Fitness', 'Titanium', 'Solar', 'Minimalist', 'Sport', 'LTE'],
            ),
            item('Field Watch', [59, 599], [45, 120]),
          ],
          features: ['Automatic', 'Solar', 'Minimalist', 'Titanium', 'Sapphire', 'Vintage'],
          blurbs: [
            'Scratch-resistant glass and 100 m water resistance.',
            'A quick-release strap that changes in seconds.',
            'A clean dial that is easy to read at a glance.',
          ],
        },
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    code: 'SPO',
    closers: [
      'Tested by athletes before it reaches the shop.',
      'Covered by a two-year warranty.',
      'Free returns within 30 days.',
      'Made with recycled materials wherever possible.',
    ],
    children: [
      {
        name: 'Camping & Hiking',
        vocab: {
          items: [
            item(
              'Tent',
              [99, 599],
              [1100, 4200],
              ['Ultralight', '2-Person', '4-Person', 'Three-Season', 'Backpacking', 'Alpine'],
            ),
            item('Sleeping Bag', [49, 399], [700, 2000]),
            item('Trekking Poles', [29, 169], [350, 600]),
            item(
              'Headlamp',
              [15, 89],
              [50, 120],
              ['Rechargeable', 'Ultralight', 'Waterproof', 'Trail', 'Compact', 'Alpine'],
            ),
            item('Camp Stove', [29, 149], [80, 900]),
            item('Daypack', [39, 169], [400, 1100]),
          ],
          features: ['Ultralight', 'Packable', 'Three-Season', 'Trail', 'Alpine', 'Backcountry'],
          blurbs: [
            'Tough, light and ready for the trail.',
            'Light enough for long trails, tough enough for the mountains.',
            'Weather-resistant materials that shrug off rain.',
          ],
        },
      },
      {
        name: 'Fitness',
        vocab: {
          items: [
            item(
              'Yoga Mat',
              [19, 129],
              [900, 2500],
              ['Non-Slip', 'Cork', 'Extra-Thick', 'Travel', 'Eco', 'Studio'],
            ),
            item(
              'Kettlebell',
              [19, 149],
              [4000, 24000],
              ['Cast-Iron', 'Competition', 'Vinyl-Coated', 'Pro', 'Classic', 'Home Gym'],
            ),
            item('Resistance Bands', [9, 49], [200, 700]),
            item(
              'Adjustable Dumbbells',
              [99, 499],
              [10000, 24000],
              ['Quick-Change', 'Pro', 'Home Gym', 'Compact', 'Classic', 'Smart'],
            ),
            item('Foam Roller', [15, 69], [300, 900]),
            item('Jump Rope', [9, 49], [150, 400]),
          ],
          features: ['Pro', 'Home Gym', 'Travel', 'Studio', 'Eco', 'Training'],
          blurbs: [
            'Everything needed for a proper workout at home.',
            'A secure grip that stays put when things get sweaty.',
            'Compact enough to store under the bed.',
          ],
        },
      },
      {
        name: 'Cycling',
        vocab: {
          items: [
            item('Bike Helmet', [39, 249], [250, 400]),
            item('Bike Light Set', [19, 129], [90, 300]),
            item('Cycling Jersey', [39, 149], [120, 220]),
            item('Mini Pump', [15, 59], [90, 200]),
            item('Bike Lock', [24, 129], [600, 2200]),
          ],
          features: ['Aero', 'Commuter', 'Reflective', 'Gravel', 'Lightweight', 'Urban'],
          blurbs: [
            'Designed for daily commutes and weekend rides.',
            'Light, tough and easy to use on the go.',
            'Chosen by our team after a season of testing.',
          ],
        },
      },
    ],
  },
  {
    name: 'Books',
    code: 'BOO',
    closers: [
      'Available in paperback and hardcover.',
      'A perfect gift for curious readers.',
      'Printed on responsibly sourced paper.',
      'Also available as an e-book.',
    ],
    children: [
      {
        name: 'Fiction',
        vocab: {
          brands: [
            'The Silent',
            'The Last',
            'The Hidden',
            'The Winter',
            'The Glass',
            'The Salt',
            'The Paper',
            'The Long',
          ],
          features: [
            'Harbor',
            'Orchard',
            'Lighthouse',
            'Cartographer',
            'Garden',
            'Signal',
            'Tide',
            'Library',
          ],
          items: [
            item('A Novel', [12, 32], [300, 900]),
            item('Stories', [12, 28], [250, 600]),
            item('A Mystery', [9, 28], [250, 700]),
            item('A Thriller', [9, 28], [250, 700]),
          ],
          pattern: '{brand} {feature}: {noun}',
          reviewNoun: 'book',
          blurbs: [
            'A gripping, big-hearted read you will not want to put down.',
            'Spare, luminous prose from an award-winning author.',
            'An instant bestseller, now in a new edition.',
          ],
        },
      },
      {
        name: 'Cookbooks',
        vocab: {
          brands: ['Weeknight', 'Simple', 'Slow', 'Sunday', 'Fresh', 'Everyday'],
          features: ['Vegetables', 'Baking', 'Noodles', 'Suppers', 'Bread', 'Grilling'],
          items: [
            item('100 Recipes', [16, 40], [700, 1400]),
            item('A Cookbook', [16, 45], [700, 1600]),
            item('Recipes for Every Season', [18, 45], [800, 1600]),
            item('The Essential Guide', [14, 35], [500, 1200]),
          ],
          pattern: '{brand} {feature}: {noun}',
          reviewNoun: 'cookbook',
          blurbs: [
            'Approachable recipes with beautiful photography throughout.',
            'Dishes that come together in thirty minutes or less.',
            'Clear techniques for cooks of every level.',
          ],
        },
      },
      {
        name: "Children's Books",
        vocab: {
          brands: [
            'The Very Brave',
            'The Sleepy',
            'The Curious',
            'The Littlest',
            'The Noisy',
            'The Lost',
          ],
          features: ['Fox', 'Dragon', 'Bear', 'Robot', 'Whale', 'Owl'],
          items: [
            item('Picture Book', [8, 24], [250, 700]),
            item('Board Book', [6, 14], [150, 400]),
            item('Bedtime Story', [7, 19], [200, 500]),
          ],
          pattern: '{brand} {feature}: A {noun}',
          reviewNoun: 'book',
          blurbs: [
            'A warm, funny read-aloud for little ones.',
            'Bright illustrations that reward a second look.',
            'A gentle story about friendship and courage.',
          ],
        },
      },
    ],
  },
  {
    name: 'Toys & Games',
    code: 'TOY',
    closers: [
      'Meets all applicable toy safety standards.',
      'Makes a great gift.',
      'Contains small parts; not for children under three.',
      'Designed and tested with real families.',
    ],
    children: [
      {
        name: 'Board Games',
        vocab: {
          items: [
            item('Board Game', [19, 89], [900, 2800]),
            item('Card Game', [9, 29], [150, 500]),
            item('Strategy Game', [29, 99], [1200, 2800]),
            item('Party Game', [14, 39], [400, 1200]),
          ],
          features: ['Cooperative', 'Family', 'Deluxe', 'Travel', 'Classic', 'Legacy'],
          blurbs: [
            'Easy to learn in ten minutes, hard to master.',
            'Quick to set up and over in under an hour.',
            'Gorgeous components and a rulebook that actually makes sense.',
          ],
        },
      },
      {
        name: 'Building Sets',
        vocab: {
          items: [
            item('Building Set', [14, 249], [300, 4000]),
            item('Construction Kit', [19, 149], [500, 3000]),
            item('Marble Run', [24, 119], [900, 3500]),
            item('Robot Kit', [39, 199], [500, 2000]),
          ],
          features: ['Creative', 'STEM', 'Magnetic', 'Wooden', 'Deluxe', 'Starter'],
          blurbs: [
            'Hundreds of pieces that combine in endless ways.',
            'Teaches simple engineering through play.',
            'Step-by-step instructions for three different models.',
          ],
        },
      },
      {
        name: 'Puzzles',
        vocab: {
          items: [
            item(
              'Jigsaw Puzzle',
              [12, 39],
              [400, 1200],
              ['1000-Piece', '500-Piece', 'Panoramic', 'Family', 'Artist Series', 'Wooden'],
            ),
            item('Puzzle Box', [19, 59], [300, 900]),
            item('Brain Teaser Set', [9, 35], [200, 600]),
            item('3D Puzzle', [14, 59], [300, 1500]),
          ],
          features: ['Wooden', 'Family', 'Artist Series', 'Classic', 'Deluxe', 'Travel'],
          blurbs: [
            'Precisely made pieces that fit together perfectly.',
            'A relaxing challenge for a rainy weekend.',
            'Hours of head-scratching fun for the whole family.',
          ],
        },
      },
    ],
  },
  {
    name: 'Beauty & Personal Care',
    code: 'BEA',
    closers: [
      'Dermatologist tested.',
      'Cruelty free and vegan.',
      'Packaged in recycled materials.',
      'Made in small batches.',
    ],
    children: [
      {
        name: 'Skincare',
        vocab: {
          items: [
            item('Moisturiser', [12, 89], [80, 250]),
            item('Face Serum', [14, 119], [50, 150]),
            item('Cleanser', [8, 49], [120, 300]),
            item('Sunscreen SPF 50', [9, 45], [60, 250]),
            item('Eye Cream', [14, 99], [30, 90]),
          ],
          features: ['Hydrating', 'Vitamin C', 'Gentle', 'Brightening', 'Daily', 'Sensitive-Skin'],
          blurbs: [
            'Lightweight and fast absorbing with no greasy finish.',
            'Made with hyaluronic acid and niacinamide.',
            'A gentle formula made for sensitive skin.',
          ],
        },
      },
      {
        name: 'Fragrance',
        vocab: {
          items: [
            item('Eau de Parfum', [39, 229], [200, 450]),
            item('Eau de Toilette', [29, 149], [200, 400]),
            item('Solid Perfume', [18, 59], [30, 80]),
            item('Body Mist', [14, 45], [150, 300]),
          ],
          features: ['Cedar', 'Citrus', 'Amber', 'Fig', 'Vetiver', 'Rose'],
          blurbs: [
            'Bright top notes settle into a warm, woody base.',
            'A fresh, long-lasting scent for every day.',
            'Hand-blended from natural essential oils.',
          ],
        },
      },
    ],
  },
  {
    name: 'Garden & Tools',
    code: 'GAR',
    closers: [
      'Comes with a three-year warranty.',
      'Spare parts available for years to come.',
      'Built for weekend projects and daily work alike.',
      'Rated five stars by our in-house testers.',
    ],
    children: [
      {
        name: 'Tools',
        children: [
          {
            name: 'Power Tools',
            vocab: {
              items: [
                item('Drill Driver', [49, 299], [1100, 2000]),
                item('Impact Driver', [69, 299], [1000, 1800]),
                item('Circular Saw', [79, 399], [2800, 4500]),
                item('Random Orbital Sander', [49, 249], [1200, 2200]),
                item('Jigsaw', [49, 249], [1800, 2800]),
              ],
              features: ['Cordless', 'Brushless', '18V', 'Compact', 'Heavy-Duty', 'Variable-Speed'],
              blurbs: [
                'Plenty of power with runtime to match.',
                'Balanced and light enough for overhead work.',
                'A built-in LED lights up the work surface.',
              ],
            },
          },
          {
            name: 'Hand Tools',
            vocab: {
              items: [
                item('Screwdriver Set', [12, 79], [300, 1200]),
                item('Claw Hammer', [12, 59], [450, 900]),
                item('Socket Set', [29, 189], [2000, 9000]),
                item('Utility Knife', [7, 35], [90, 250]),
                item('Spirit Level', [9, 69], [250, 1500]),
              ],
              features: [
                'Precision',
                'Forged',
                'Magnetic',
                'Professional',
                'Compact',
                'Heavy-Duty',
              ],
              blurbs: [
                'Hardened steel built for a lifetime of use.',
                'A comfortable grip for hours of work.',
                'Accurate, dependable and easy to keep clean.',
              ],
            },
          },
        ],
      },
      {
        name: 'Gardening',
        vocab: {
          items: [
            item('Pruning Shears', [12, 69], [200, 350]),
            item('Garden Hose', [19, 99], [900, 4500]),
            item('Raised Bed', [59, 299], [8000, 25000]),
            item('Watering Can', [14, 69], [400, 1500]),
            item('Planter', [12, 149], [500, 9000]),
            item('Seed Starter Kit', [9, 49], [200, 900]),
          ],
          features: ['Ergonomic', 'Galvanised', 'Heavy-Duty', 'Compact', 'Classic', 'Organic'],
          blurbs: [
            'Made for seasons of use in every weather.',
            'Weather-resistant and ready for years outdoors.',
            'A favourite of gardeners big and small.',
          ],
        },
      },
    ],
  },
];
