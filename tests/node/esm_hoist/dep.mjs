console.log('dep loaded');
export const value = 7;
