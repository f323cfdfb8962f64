<!DOCTYPE html>
<html>
<head><title>PHP in Docker</title></head>
<body>
<h1><?= "Hello from PHP " . PHP_VERSION ?></h1>
<?php $name = htmlspecialchars($_GET['name'] ?? 'stranger'); ?>
<p>Welcome, <?= $name ?>!</p>
<ul>
<?php foreach (['Build', 'Run', 'Ship'] as $i => $step): ?>
  <li><?= $i + 1 ?>. <?= $step ?></li>
<?php endforeach; ?>
</ul>
</body>
</html>
