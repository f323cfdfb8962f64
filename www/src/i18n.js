// All UI text in English and Korean. The choice is remembered; the default
// follows the browser's language.
const STRINGS = {
  en: {
    tagline: 'Docker, simulated in your browser. Every layer, every cache decision.',
    share: 'Copy share link', export: 'Export', import: 'Import', context: 'Build context',
    addFile: '+ File', rename: 'Rename', delete: 'Delete', fileContent: 'File content', build: 'Build',
    steps: 'Build steps', pause: 'Pause', play: 'Play', stepOnce: 'Step', replay: 'Replay', speed: 'Speed',
    images: 'Images & layers', layersHint: "Build to see the image's read-only layers stack up.",
    terminal: 'Terminal', termHint: 'Type docker commands, e.g. docker run -d -p 8080:3000 app, then curl localhost:8080',
    ready: 'Ready', building: 'Building…', built: 'Built', failed: 'Build failed', loading: 'Loading engine…',
    cached: 'CACHED', done: 'DONE', error: 'ERROR', shared: 'shared', layer: 'layer', rwLayer: 'read/write layer', composeProject: 'Compose project', networks: 'networks', volumes: 'volumes',
    wouldRebuild: 'would re-run', wouldCache: 'cached', linkCopied: 'Share link copied to the clipboard.',
    restored: 'Restored your last workspace.', corrupt: 'The saved workspace could not be read; a fresh one was loaded.',
    newFileName: 'New file name (folders with /, e.g. src/app.js)', renameTo: 'Rename to', confirmDelete: 'Delete this file?', noImages: 'No images yet.',
    metadata: 'metadata (0 B)', containers: 'containers',
    close: 'Close', whiteout: 'whiteout', more: 'more entries', added: 'added', changed: 'changed', deleted: 'deleted', layerHelp: 'Click a layer to see what it changed.',
    lessons: 'Lessons', chooseLesson: 'Free play (no lesson)', reset: 'Reset', hint: 'Hint', showSolution: 'Solution',
    goals: 'Goals', par: 'par', lessonDone: 'Lesson complete! Commands used:', withinPar: 'within par', openLesson: 'Open lesson file…',
    mergedFs: 'Merged filesystem at this layer (this layer and all below)', containerFs: "The container's filesystem (image layers + its read/write layer)",
    rwChanges: 'Changes in its read/write layer', noChanges: 'No changes.', entries: 'entries', emptyDir: '(empty)',
    addFolder: '+ Folder', newFolderName: 'New folder name', firstFileName: 'A first file in the folder', folder: 'Folder',
    hiddenTitle: 'Stored here, hidden by a later layer', hiddenHelp: 'A later layer deletes or replaces these files, so no container sees them — but this layer still holds their bytes, so they still count in the image size.',
    hiddenDeleted: 'deleted in layer', hiddenReplaced: 'replaced in layer', imageHidden: 'hidden but stored in this image in all',
    dfTitle: 'Disk usage (docker system df)', dfLogical: 'Images added up one by one', dfActual: 'Actually stored',
    sharedOnce: 'shared layers, stored once', sharedLayers: 'layers shared between images', buildCache: 'build cache',
    saveFailed: 'Autosave failed — your latest changes are NOT saved (export the workspace to keep them):',
    otherTabSaved: 'This workspace was changed in another tab.', otherTabOpen: 'This workspace is open in another tab.',
    readOnlyNow: 'This tab is read-only so neither overwrites the other; reload to continue here.', reload: 'Reload',
    readOnlyLine: 'read-only: this workspace is open in another tab (reload to continue here)',
    engineCrashedAt: 'dockersim: the engine crashed on this line; it was not kept:',
    replayStopped: 'dockersim: replaying the saved commands stopped at a command that crashes the engine; the files and the commands before it are kept:',
    engineStopped: 'The engine stopped', engineRestarting: '— your files are kept; restarting it from your workspace…', engineRestarted: 'The engine was restarted from your workspace; your files are intact.',
    unsavedSwitch: 'Your work here could not be saved. Switch anyway and lose the unsaved changes?',
    sharedOpened: 'Opened the shared workspace as its own workspace; your own work is unchanged (pick it from Lessons → Free play).',
    importedOpened: 'Imported as its own workspace; your other workspaces are unchanged.',
    lessonFailed: 'Could not open the lesson:', confirmReset: 'Start this lesson again from the beginning? Your work in it will be discarded.',
    docTitle: 'dockersim — see how Docker images are built', editorHint: 'Tab indents here: press Esc, then Tab, to move on.',
    files: 'Files', imageTag: 'Image tag', playback: 'Playback', termInput: 'Terminal input',
    danglingImages: 'dangling images (<none>, replaced by newer builds)', linkCopyByHand: 'Copy this share link:', readOnlyFile: 'read-only in this example', lessonCompleteTitle: 'Lesson complete', nextLesson: 'Next lesson', stayHere: 'Stay here',
    recoveryTitle: 'dockersim could not start', recoveryText: 'Your saved work is still stored in this browser. Export it to a file, then reset to start clean, or try again.',
    recoveryExport: 'Export saved state', recoveryReset: 'Reset saved state…', recoveryRetry: 'Try again', recoveryConfirm: 'Delete every saved workspace in this browser and start fresh?',
    failedToStart: 'Failed to start', startTimeout: 'the engine did not start within 45 seconds',
    dfSummary: '{n} images: {logical} if each counted its own layers, {actual} actually stored — shared layers save {saved}.',
  },
  ko: {
    tagline: '브라우저에서 시뮬레이션하는 Docker. 모든 레이어와 모든 캐시 결정을 눈으로.',
    share: '공유 링크 복사', export: '내보내기', import: '가져오기', context: '빌드 컨텍스트',
    addFile: '+ 파일', rename: '이름 변경', delete: '삭제', fileContent: '파일 내용', build: '빌드',
    steps: '빌드 단계', pause: '일시정지', play: '재생', stepOnce: '한 단계', replay: '다시 재생', speed: '속도',
    images: '이미지와 레이어', layersHint: '빌드하면 이미지의 읽기 전용 레이어가 쌓이는 모습을 볼 수 있습니다.',
    terminal: '터미널', termHint: 'docker 명령을 입력해 보세요. 예: docker run -d -p 8080:3000 app 후 curl localhost:8080',
    ready: '준비됨', building: '빌드 중…', built: '빌드 완료', failed: '빌드 실패', loading: '엔진을 불러오는 중…',
    cached: '캐시됨', done: '완료', error: '오류', shared: '공유됨', layer: '레이어', rwLayer: '읽기/쓰기 레이어', composeProject: 'Compose 프로젝트', networks: '네트워크', volumes: '볼륨',
    wouldRebuild: '다시 실행됨', wouldCache: '캐시 사용', linkCopied: '공유 링크를 클립보드에 복사했습니다.',
    restored: '마지막 작업 공간을 복원했습니다.', corrupt: '저장된 작업 공간을 읽을 수 없어 새로 시작합니다.',
    newFileName: '새 파일 이름 (폴더는 /로, 예: src/app.js)', renameTo: '새 이름', confirmDelete: '이 파일을 삭제할까요?', noImages: '아직 이미지가 없습니다.',
    metadata: '메타데이터 (0 B)', containers: '컨테이너',
    close: '닫기', whiteout: '화이트아웃', more: '개 항목 더 있음', added: '추가됨', changed: '변경됨', deleted: '삭제됨', layerHelp: '레이어를 누르면 무엇이 바뀌었는지 볼 수 있습니다.',
    lessons: '레슨', chooseLesson: '자유 실습 (레슨 없음)', reset: '처음부터', hint: '힌트', showSolution: '풀이',
    goals: '목표', par: '기준', lessonDone: '레슨 완료! 사용한 명령:', withinPar: '기준 이내', openLesson: '레슨 파일 열기…',
    mergedFs: '이 레이어까지 합친 파일 시스템 (이 레이어와 그 아래 전부)', containerFs: '컨테이너의 파일 시스템 (이미지 레이어 + 읽기/쓰기 레이어)',
    rwChanges: '읽기/쓰기 레이어의 변경', noChanges: '변경 없음.', entries: '항목', emptyDir: '(비어 있음)',
    addFolder: '+ 폴더', newFolderName: '새 폴더 이름', firstFileName: '폴더에 넣을 첫 파일', folder: '폴더',
    hiddenTitle: '여기에 저장됐지만 위 레이어가 가린 파일', hiddenHelp: '위쪽 레이어가 이 파일들을 지우거나 바꿔서 어떤 컨테이너도 볼 수 없습니다. 하지만 이 레이어는 여전히 그 바이트를 담고 있으므로 이미지 크기에 그대로 포함됩니다.',
    hiddenDeleted: '삭제한 레이어', hiddenReplaced: '바꾼 레이어', imageHidden: '이 이미지 전체에서 가려졌지만 저장된 크기',
    dfTitle: '디스크 사용량 (docker system df)', dfLogical: '이미지 크기를 하나씩 더하면', dfActual: '실제로 저장된 크기',
    sharedOnce: '공유 레이어 (한 번만 저장)', sharedLayers: '이미지끼리 공유하는 레이어', buildCache: '빌드 캐시',
    saveFailed: '자동 저장 실패 — 최근 변경 사항이 저장되지 않았습니다 (보존하려면 작업 공간을 내보내세요):',
    otherTabSaved: '다른 탭에서 이 작업 공간이 바뀌었습니다.', otherTabOpen: '이 작업 공간이 다른 탭에 열려 있습니다.',
    readOnlyNow: '서로 덮어쓰지 않도록 이 탭은 읽기 전용입니다. 여기서 계속하려면 새로 고치세요.', reload: '새로 고침',
    readOnlyLine: '읽기 전용: 이 작업 공간은 다른 탭에 열려 있습니다 (여기서 계속하려면 새로 고치세요)',
    engineCrashedAt: 'dockersim: 이 줄에서 엔진이 멈췄습니다. 이 줄은 저장하지 않았습니다:',
    replayStopped: 'dockersim: 저장된 명령을 다시 실행하다 엔진을 멈추게 하는 명령에서 멈췄습니다. 파일과 그 앞의 명령은 그대로입니다:',
    engineStopped: '엔진이 멈췄습니다', engineRestarting: '— 파일은 그대로입니다. 작업 공간으로 엔진을 다시 시작하는 중…', engineRestarted: '작업 공간으로 엔진을 다시 시작했습니다. 파일은 그대로입니다.',
    unsavedSwitch: '여기 작업을 저장하지 못했습니다. 저장되지 않은 변경을 버리고 전환할까요?',
    sharedOpened: '공유된 작업 공간을 별도의 작업 공간으로 열었습니다. 내 작업은 그대로입니다 (레슨 → 자유 실습).',
    importedOpened: '별도의 작업 공간으로 가져왔습니다. 다른 작업 공간은 그대로입니다.',
    lessonFailed: '레슨을 열 수 없습니다:', confirmReset: '이 레슨을 처음부터 다시 시작할까요? 이 레슨의 작업은 사라집니다.',
    docTitle: 'dockersim — Docker 이미지가 만들어지는 과정 보기', editorHint: '여기서 Tab은 들여쓰기입니다. Esc를 누른 뒤 Tab을 누르면 다음으로 이동합니다.',
    files: '파일', imageTag: '이미지 태그', playback: '재생', termInput: '터미널 입력',
    danglingImages: '개의 dangling 이미지 (<none>, 새 빌드로 대체됨)', linkCopyByHand: '이 공유 링크를 복사하세요:', readOnlyFile: '이 예제에서는 읽기 전용', lessonCompleteTitle: '레슨 완료', nextLesson: '다음 레슨', stayHere: '여기 머물기',
    recoveryTitle: 'dockersim을 시작할 수 없습니다', recoveryText: '저장된 작업은 이 브라우저에 그대로 있습니다. 파일로 내보낸 뒤 초기화하거나 다시 시도하세요.',
    recoveryExport: '저장된 상태 내보내기', recoveryReset: '저장된 상태 초기화…', recoveryRetry: '다시 시도', recoveryConfirm: '이 브라우저에 저장된 모든 작업 공간을 지우고 새로 시작할까요?',
    failedToStart: '시작 실패', startTimeout: '엔진이 45초 안에 시작하지 않았습니다',
    dfSummary: '이미지 {n}개: 각자 레이어를 따로 센다면 {logical}, 실제 저장은 {actual} — 공유 레이어 덕분에 {saved} 절약.',
  },
};

const saved = localStorage.getItem('dockersim.lang');
let lang = saved === 'ko' || saved === 'en' ? saved : (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';

export function t(key) {
  return STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
}

export function currentLang() {
  return lang;
}

/** Applies the language to every `data-i18n` element under `root`. */
export function applyLang(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (root === document && document.getElementById('editor-host')) document.title = t('docTitle');
  const toggle = root.querySelector('#lang');
  if (toggle) {
    toggle.textContent = lang === 'en' ? '한국어' : 'English';
    toggle.lang = lang === 'en' ? 'ko' : 'en';
  }
}

export function setLang(next) {
  lang = next;
  localStorage.setItem('dockersim.lang', lang);
  applyLang();
}
