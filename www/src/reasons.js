// Cache decisions in the learner's language. The engine explains every step
// in English (`reason`) and as data (`why`: a code and its arguments); in
// Korean the data is put into words here, in English the engine's own text
// is shown. Unknown codes fall back to the English text.
import { currentLang } from './i18n.js';

/** `a, b, c 외 2개` */
function files(list) {
  const items = (list ?? '').split('\n').filter(Boolean);
  return items.length > 3 ? `${items.slice(0, 3).join(', ')} 외 ${items.length - 3}개` : items.join(', ');
}

function keyChange(a) {
  if (a.from !== undefined && a.to !== undefined) return `${a.name} 변경 (${a.from} → ${a.to})`;
  if (a.to !== undefined) return `${a.name} 추가 (${a.to})`;
  return `${a.name} 삭제`;
}

const KO = {
  no_cache: () => '--no-cache: RUN, COPY, ADD 단계는 캐시를 쓰지 않습니다',
  first_build: () => '이 단계의 첫 빌드: 아직 캐시된 결과가 없습니다',
  parent_reran: (a) => `${a.step}단계가 다시 실행되어 이 단계도 다시 실행됩니다`,
  pruned: () => '빌드 캐시가 비워졌습니다 (docker builder prune)',
  earlier_step_changed: () => '앞 단계가 바뀌었습니다',
  base_image_changed: (a) => `베이스 이미지가 바뀌었습니다 (${a.image}이(가) 다른 이미지를 가리킵니다)`,
  parent_stage_changed: (a) => `부모 스테이지 ${a.stage}이(가) 바뀌었습니다`,
  instruction_changed: (a) => `명령이 바뀌었습니다 (이전: ${a.was})`,
  files_changed: (a) => {
    const parts = [];
    if (a.changed) parts.push(`${files(a.changed)} 변경`);
    if (a.added) parts.push(`${files(a.added)} 추가`);
    if (a.removed) parts.push(`${files(a.removed)} 삭제`);
    return `${a.instruction}: ${parts.join(', ')}`;
  },
  build_arg: (a) => `빌드 인자 ${keyChange(a)}`,
  env_var: (a) => `환경 변수 ${keyChange(a)}`,
  user_changed: (a) => `USER가 "${a.from}"에서 "${a.to}"(으)로 바뀌었습니다`,
  workdir_changed: (a) => `WORKDIR가 ${a.from}에서 ${a.to}(으)로 바뀌었습니다`,
  cache_gone: () => '캐시된 결과가 사라졌습니다',
  no_cached_result: () => '이 입력에 대한 캐시된 결과가 없습니다',
  same_key_new_wording: () => '표기는 바뀌었지만 캐시 키는 같습니다: 지난 빌드와 입력이 같습니다',
  unchanged_files: () => '지난 빌드 이후 그대로입니다: 같은 명령, 같은 파일',
  unchanged: () => '지난 빌드 이후 그대로입니다: 같은 부모 위의 같은 명령',
  shared_with: (a) => `이미지 ${a.image}와(과) 공유: 그 빌드에서 캐시된 단계입니다`,
  cached_earlier: () => '이전 빌드에서 캐시된 단계입니다',
};

/** The reason for a step in the current language. */
export function reasonText(why, english) {
  if (currentLang() !== 'ko' || !why) return english ?? '';
  const say = KO[why.code];
  if (!say) return english ?? '';
  const args = why.args instanceof Map ? Object.fromEntries(why.args) : (why.args ?? {});
  return say(args);
}
