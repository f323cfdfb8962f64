class Animal {
  legs = 4;
  static count = 0;
  constructor(name) {
    this.name = name;
    Animal.count++;
  }
  speak() {
    return `${this.name} makes a sound`;
  }
  get description() {
    return `${this.name} has ${this.legs} legs`;
  }
  static create(name) {
    return new this(name);
  }
}

class Dog extends Animal {
  #secret = 'bone';
  constructor(name, breed = 'mixed') {
    super(name);
    this.breed = breed;
  }
  speak() {
    return super.speak() + ' (woof)';
  }
  reveal() {
    return this.#secret;
  }
}

const a = new Animal('Generic');
const d = new Dog('Rex');
console.log(a.speak());
console.log(d.speak());
console.log(d.description);
console.log(d.reveal());
console.log(d instanceof Dog, d instanceof Animal, a instanceof Dog);
console.log(Animal.count);
console.log(d);
console.log(JSON.stringify(d));
console.log(Object.keys(d));
console.log(typeof Animal);
const b = Animal.create('Made');
console.log(b.name, Animal.count);

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
try {
  throw new HttpError(404, 'Not found');
} catch (e) {
  console.log(e.status, e.message, e instanceof HttpError, e instanceof Error);
}

class Counter {
  count = 0;
  increment = () => {
    this.count += 1;
    return this.count;
  };
}
const c = new Counter();
const inc = c.increment;
inc();
console.log(inc(), c.count);
class Temp {
  constructor() { this._c = 0; }
  set celsius(v) { this._c = v; }
  get celsius() { return this._c; }
}
const t = new Temp();
t.celsius = 25;
console.log(t.celsius);
