<?php
$servername = "mysql";
$username = "homestead";
$password = "secret";
$conn = new mysqli($servername, $username, $password, "homestead");
if ($conn->connect_error) {
    die("Connection failed: " . $conn->connect_error);
}
echo "Connected successfully<br>";
$conn->query("CREATE TABLE IF NOT EXISTS visits (id INT AUTO_INCREMENT PRIMARY KEY, at VARCHAR(40))");
$conn->query("INSERT INTO visits (at) VALUES ('now')");
$r = $conn->query("SELECT COUNT(*) AS n FROM visits");
$row = $r->fetch_assoc();
echo "Visits: " . $row['n'] . "\n";
$stmt = $conn->prepare("SELECT id, at FROM visits WHERE id = ?");
$id = 1;
$stmt->bind_param("i", $id);
$stmt->execute();
$stmt->bind_result($vid, $vat);
while ($stmt->fetch()) { echo "row $vid $vat\n"; }
$stmt->close();
$conn->close();
phpinfo(INFO_MODULES | INFO_GENERAL);
