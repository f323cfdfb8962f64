<?php
$conn = new mysqli("db", "root", "secret", "shop");
echo "Connected successfully\n";
$conn->query("CREATE TABLE IF NOT EXISTS items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
$stmt = $conn->prepare("INSERT INTO items (name) VALUES (?)");
$stmt->bind_param("s", $name);
$name = "apple";
$stmt->execute();
echo "New record id " . $conn->insert_id . "\n";
$result = $conn->query("SELECT id, name FROM items");
echo "rows: " . $result->num_rows . "\n";
while ($row = $result->fetch_assoc()) { echo $row["id"] . ": " . $row["name"] . "\n"; }
$pdo = new PDO("mysql:host=db;dbname=shop;charset=utf8mb4", "root", "secret");
$pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$s = $pdo->prepare("INSERT INTO items (name) VALUES (:name)");
$s->execute(["name" => "pear"]);
echo "pdo id " . $pdo->lastInsertId() . "\n";
foreach ($pdo->query("SELECT * FROM items")->fetchAll(PDO::FETCH_ASSOC) as $r) { echo json_encode($r) . "\n"; }
try { $pdo->query("SELECT * FROM nope"); } catch (PDOException $e) { echo "Error: " . $e->getMessage() . "\n"; }
$conn->query("SELECT * FROM nope");
