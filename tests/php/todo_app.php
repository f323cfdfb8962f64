<?php
class Task {
    public function __construct(public string $title, public bool $done = false) {}
}
class TodoList implements Countable {
    private array $tasks = [];
    public function add(string $t): static { $this->tasks[] = new Task($t); return $this; }
    public function complete(int $i): void { $this->tasks[$i]->done = true; }
    public function count(): int { return count($this->tasks); }
    public function pending(): array { return array_values(array_filter($this->tasks, fn($t) => !$t->done)); }
    public function render(): string {
        $out = "";
        foreach ($this->tasks as $i => $t) { $out .= sprintf("%d. [%s] %s\n", $i + 1, $t->done ? 'x' : ' ', $t->title); }
        return $out;
    }
}
$list = (new TodoList)->add("Write Dockerfile")->add("Build image")->add("Run container");
$list->complete(0);
echo $list->render();
echo count($list), " tasks, ", count($list->pending()), " pending\n";
echo json_encode($list->pending()), "\n";
