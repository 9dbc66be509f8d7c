/**
 * Given and family names for seeded customers. ASCII letters only, because emails are built
 * from them (`firstname.lastname.<id>@example.com`); a mix of origins so listings look like a
 * real customer base.
 */

// prettier-ignore
export const firstNames: readonly string[] = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'Lucas',
  'Mia', 'Mateo', 'Charlotte', 'Ethan', 'Harper', 'Leo', 'Aisha', 'Omar', 'Priya', 'Arjun',
  'Mei', 'Hiroshi', 'Yuki', 'Wei', 'Sofia', 'Diego', 'Camila', 'Santiago', 'Fatima', 'Yusuf',
  'Chloe', 'Hugo', 'Ingrid', 'Lars', 'Freya', 'Nikolai', 'Anya', 'Kwame', 'Amara', 'Tariq',
  'Grace', 'Samuel', 'Zoe', 'Daniel', 'Hannah', 'Gabriel', 'Nora', 'Felix', 'Lena', 'Marco',
  'Elena', 'Tomas', 'Ines', 'Rafael', 'Maya', 'Kenji', 'Sana', 'Ravi', 'Leila', 'Jonah',
];

// prettier-ignore
export const lastNames: readonly string[] = [
  'Smith', 'Johnson', 'Garcia', 'Martinez', 'Brown', 'Davis', 'Miller', 'Wilson', 'Anderson',
  'Thomas', 'Nguyen', 'Kim', 'Patel', 'Shah', 'Chen', 'Wang', 'Tanaka', 'Sato', 'Kowalski',
  'Novak', 'Muller', 'Schmidt', 'Rossi', 'Bianchi', 'Dubois', 'Laurent', 'Silva', 'Santos',
  'Okafor', 'Mensah', 'Haddad', 'Rahman', 'Larsen', 'Johansson', 'Ivanova', 'Petrov', 'Murphy',
  'Kelly', 'Walsh', 'Byrne', 'Lopez', 'Hernandez', 'Gonzalez', 'Clarke', 'Hughes', 'Fischer',
  'Weber', 'Costa', 'Moreau', 'Lindqvist', 'Morales', 'Reyes', 'Ali', 'Khan', 'Das', 'Yamamoto',
  'Park', 'Choi', 'Osei', 'Bennett',
];
