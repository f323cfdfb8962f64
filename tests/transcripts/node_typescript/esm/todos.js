class TodoList {
  #nextId = 1;
  items = [];
  add(title) {
    const todo = { id: this.#nextId++, title, done: false };
    this.items.push(todo);
    return todo;
  }
}
const list = new TodoList();
list.add('learn docker');
export const todos = list.items;
export function addTodo(title) {
  return list.add(title);
}
