// Names for synthetic people. No real person is described: first names and surnames come from
// these lists of common names and are mixed at random, so any resemblance to a real child or family
// is chance. Dates of birth, addresses and identifiers are random too (see places.ts, identifiers.ts).

export const GIRLS_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace', 'Freya',
  'Willow', 'Florence', 'Emily', 'Ella', 'Poppy', 'Evie', 'Elsie', 'Charlotte', 'Evelyn', 'Sienna', 'Sofia',
  'Daisy', 'Phoebe', 'Sophie', 'Alice', 'Harper', 'Matilda', 'Ruby', 'Emilia', 'Maya', 'Millie', 'Isabelle',
  'Eva', 'Luna', 'Jessica', 'Aria', 'Chloe', 'Zara', 'Maisie', 'Layla', 'Esme', 'Hannah', 'Holly', 'Amber',
  'Megan', 'Lacey', 'Keira', 'Leah', 'Aisha', 'Fatima', 'Maryam', 'Zainab', 'Amira', 'Hafsa', 'Priya',
  'Anaya', 'Zofia', 'Lena', 'Nadia', 'Chantelle', 'Tia', 'Nevaeh', 'Kayla', 'Jade', 'Courtney', 'Shannon',
  'Abigail', 'Erin', 'Molly', 'Scarlett', 'Lola', 'Mollie', 'Bethany', 'Ellie', 'Imogen', 'Niamh', 'Orla',
] as const;

export const BOYS_NAMES = [
  'Muhammad', 'Noah', 'Oliver', 'George', 'Leo', 'Arthur', 'Oscar', 'Theodore', 'Freddie', 'Theo', 'Harry',
  'Archie', 'Henry', 'Jack', 'Alfie', 'Charlie', 'Finley', 'Thomas', 'Lucas', 'Jacob', 'Isaac', 'Tommy',
  'Albie', 'Teddy', 'Arlo', 'Hudson', 'Reggie', 'Edward', 'Jaxon', 'Roman', 'Elijah', 'Joshua', 'Max',
  'Ethan', 'Mason', 'Logan', 'Dylan', 'Riley', 'Kai', 'Louie', 'Frankie', 'Ronnie', 'Bobby', 'Tyler',
  'Kyle', 'Jayden', 'Callum', 'Connor', 'Liam', 'Kieran', 'Reece', 'Jordan', 'Aaron', 'Ryan', 'Ibrahim',
  'Yusuf', 'Adam', 'Ayaan', 'Zayn', 'Omar', 'Hamza', 'Arjun', 'Rohan', 'Jakub', 'Filip', 'Kacper',
  'Kofi', 'Tobi', 'Emmanuel', 'Daniel', 'Samuel', 'Benjamin', 'Joseph', 'James', 'William', 'Lewis',
] as const;

export const WOMENS_NAMES = [
  'Sarah', 'Emma', 'Laura', 'Rebecca', 'Kelly', 'Gemma', 'Nicola', 'Claire', 'Stacey', 'Danielle', 'Amy',
  'Hayley', 'Lisa', 'Michelle', 'Rachel', 'Jennifer', 'Kirsty', 'Natalie', 'Victoria', 'Charlotte', 'Samantha',
  'Jodie', 'Leanne', 'Zoe', 'Kerry', 'Louise', 'Joanne', 'Donna', 'Tracey', 'Sharon', 'Karen', 'Julie',
  'Shazia', 'Nasreen', 'Rukhsana', 'Farzana', 'Anita', 'Sunita', 'Agnieszka', 'Katarzyna', 'Monika',
  'Grace', 'Blessing', 'Chioma', 'Adwoa', 'Marcia', 'Sonia', 'Chelsea', 'Jade', 'Lauren', 'Sophie',
] as const;

export const MENS_NAMES = [
  'David', 'Paul', 'Mark', 'Andrew', 'Richard', 'Daniel', 'Michael', 'Christopher', 'Stephen', 'Lee',
  'Craig', 'Darren', 'Jason', 'Wayne', 'Dean', 'Gary', 'Carl', 'Scott', 'Ryan', 'Jamie', 'Liam', 'Adam',
  'Matthew', 'Ben', 'Luke', 'Kevin', 'Shaun', 'Anthony', 'Simon', 'Neil', 'Imran', 'Tariq', 'Asif',
  'Naveed', 'Rajesh', 'Sanjay', 'Piotr', 'Tomasz', 'Marek', 'Kwame', 'Chidi', 'Delroy', 'Winston', 'Tony',
] as const;

export const SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel',
  'Khan', 'Lewis', 'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Davis', 'Rodgers', 'Cooper', 'Turner',
  'Hill', 'Moore', 'Ward', 'Harris', 'Martin', 'King', 'Baker', 'Lee', 'Allen', 'Young', 'Scott', 'Edwards',
  'Hughes', 'Morris', 'Parker', 'Bennett', 'Cook', 'Bell', 'Murphy', 'Kelly', 'Bailey', 'Carter', 'Collins',
  'Price', 'Harrison', 'Marshall', 'Fox', 'Gray', 'Ellis', 'Shaw', 'Lloyd', 'Holmes', 'Barker', 'Webb',
  'Ahmed', 'Hussain', 'Ali', 'Begum', 'Akhtar', 'Sharma', 'Singh', 'Mistry', 'Nowak', 'Kowalski',
  'Wiśniewski', 'Mensah', 'Okafor', 'Adeyemi', 'Campbell', 'Francis', 'Reid', 'O’Brien', 'Doyle', 'Quinn',
  'Chen', 'Nguyen', 'Silva', 'Popescu', 'Hassan', 'Osman', 'Yilmaz', 'Jama', 'Brennan', 'Lowe', 'Chapman',
] as const;
