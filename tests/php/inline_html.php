<html>
<body>
<h1><?= "Title" ?></h1>
<?php $items = ['a', 'b']; ?>
<ul>
<?php foreach ($items as $i): ?>
  <li><?= $i ?></li>
<?php endforeach; ?>
</ul>
<?php if (count($items) > 1): ?>
<p>many</p>
<?php else: ?>
<p>few</p>
<?php endif ?>
</body>
</html>
