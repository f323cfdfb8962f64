<?php
enum Suit: string {
    case Hearts = 'H';
    case Spades = 'S';
    public function color(): string { return match($this) { Suit::Hearts => 'Red', Suit::Spades => 'Black' }; }
    public function label(): string { return ucfirst(strtolower($this->name)); }
}
echo Suit::Hearts->value, " ", Suit::Hearts->name, " ", Suit::Spades->color(), "\n";
echo Suit::from('S')->name, " ", var_export(Suit::tryFrom('X'), true), " ", count(Suit::cases()), "\n";
var_dump(Suit::Hearts === Suit::from('H'));
var_dump(Suit::Hearts);
echo json_encode(['s' => Suit::Hearts]), "\n";
enum Status { case Active; case Inactive; }
var_dump(Status::Active instanceof Status, Status::Active == Status::Inactive);
